namespace TaskService.Tests.Support;

/// <summary>An API key as its owner holds it: the id (<c>k_…</c>), the secret key and the user it acts as.</summary>
public sealed record TestKey(string Id, string Key, string User);
