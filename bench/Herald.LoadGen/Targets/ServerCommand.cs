namespace Herald.LoadGen.Targets;

/// <summary>How to start one server process and how to tell that it is ready.</summary>
internal sealed record ServerCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    Uri BaseUri,
    string HealthPath,
    string? GcProbeFile);
