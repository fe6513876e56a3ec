using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Orchestration;

/// <summary>Everything one invocation of `run` was asked to do.</summary>
internal sealed record RunOptions
{
    public required string Scenario { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    public int Rounds { get; init; } = 3;

    public int Clients { get; init; } = 1000;

    public double DurationSeconds { get; init; } = 8;

    public double WarmupSeconds { get; init; } = 2;

    public int PayloadBytes { get; init; } = 256;

    /// <summary>Messages per second for the fixed-rate phase; null means half of the server's own maximum.</summary>
    public double? Rate { get; init; }

    /// <summary>Messages per subscriber in flight in the closed-loop (maximum) phase.</summary>
    public int Window { get; init; } = 32;

    /// <summary>Messages per publish request; 0 means the scenario's default.</summary>
    public int Batch { get; init; }

    public int SourceAddresses { get; init; } = 32;

    public string ServerCpus { get; init; } = "0";

    public int ConnectConcurrency { get; init; } = 200;

    public int ReceiveBufferBytes { get; init; } = 8192;

    public IReadOnlyList<string> Stores { get; init; } = ["memory", "sqlite", "postgres", "redis"];

    public bool Restart { get; init; }

    public int Lanes { get; init; } = 16;

    public double StormRate { get; init; } = 200;

    public IReadOnlyDictionary<string, string> HeraldEnvironment { get; init; } = new Dictionary<string, string>();

    public required ArtifactPaths Paths { get; init; }

    public required string ResultsDirectory { get; init; }

    public required string CommandLine { get; init; }

    public bool Smoke { get; init; }
}
