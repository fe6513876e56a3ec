namespace Herald.LoadGen.Publishing;

/// <summary>Where and how a server takes publishes over HTTP.</summary>
internal sealed record PublishEndpoint(Uri BaseUri, string SinglePath, string BatchPath, string? BearerToken);
