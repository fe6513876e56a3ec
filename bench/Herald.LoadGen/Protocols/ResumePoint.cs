namespace Herald.LoadGen.Protocols;

/// <summary>Where a subscriber left a channel: Herald's <c>since</c>.</summary>
internal sealed record ResumePoint(string Epoch, long Offset);
