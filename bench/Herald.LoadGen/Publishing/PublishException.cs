namespace Herald.LoadGen.Publishing;

/// <summary>A publish the server did not acknowledge.</summary>
internal sealed class PublishException(string message) : Exception(message);
