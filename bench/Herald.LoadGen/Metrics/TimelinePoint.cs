namespace Herald.LoadGen.Metrics;

/// <summary>One half-second sample of a run.</summary>
internal sealed record TimelinePoint(double Seconds, double ServerCores, double GeneratorCores, long ServerRssBytes, double DeliveriesPerSecond);
