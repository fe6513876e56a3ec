using Herald.LoadGen.Metrics;

namespace Herald.LoadGen.Clients;

/// <summary>How a round of connecting went: who made it, how long it took each client (µs) and in all.</summary>
internal sealed record ConnectReport(int Attempted, int Connected, int Failed, double Seconds, LatencyHistogram PerClientMicros, string? FirstError);
