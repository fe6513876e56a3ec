namespace Herald.Security;

/// <summary>A principal, or the protocol error code saying why there is none.</summary>
public readonly record struct AuthenticationOutcome(HeraldPrincipal? Principal, string? ErrorCode, string? Message)
{
    public bool Succeeded => Principal is not null;

    public static AuthenticationOutcome Success(HeraldPrincipal principal) => new(principal, null, null);

    public static AuthenticationOutcome Fail(string code, string message) => new(null, code, message);
}
