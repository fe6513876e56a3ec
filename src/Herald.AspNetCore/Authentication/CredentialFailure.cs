namespace Herald.AspNetCore.Authentication;

/// <summary>A refused credential as ASP.NET Core authentication carries it: the protocol code and its words.</summary>
internal sealed class CredentialFailure(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
