namespace Herald.Tooling.Keys;

/// <summary>What <c>keys create</c> asks for; the limits are positive when set.</summary>
public sealed record KeyRequest(string Owner, string Name, IReadOnlyList<string> Attributes, int? MaxConnections, int? PublishesPerSecond);
