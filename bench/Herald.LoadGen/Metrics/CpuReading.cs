namespace Herald.LoadGen.Metrics;

/// <summary>Cores used by server and generator over <see cref="Seconds"/> of wall time.</summary>
internal sealed record CpuReading(double Seconds, double ServerCores, double GeneratorCores);
