namespace Herald.LoadGen.Targets;

/// <summary>Where the built servers are (run.sh builds them into one artifacts folder).</summary>
internal sealed record ArtifactPaths(string HeraldDll, string SignalRDll, string GcProbeDll, string WsPeerDir);
