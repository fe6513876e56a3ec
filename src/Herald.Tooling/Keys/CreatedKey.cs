namespace Herald.Tooling.Keys;

/// <summary>A new key: <see cref="Key"/> is the secret, shown only this once.</summary>
public sealed record CreatedKey(string Key, KeyRecord Record);
