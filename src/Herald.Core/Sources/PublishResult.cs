namespace Herald.Sources;

/// <summary>Where an acknowledged event landed.</summary>
public readonly record struct PublishResult(string Channel, string Epoch, long Offset);
