namespace Herald.Security;

/// <summary>Turns a bearer token into a principal; used at connect and on <c>refresh</c>.</summary>
public interface ITokenValidator
{
    ValueTask<AuthenticationOutcome> ValidateAsync(string token, CancellationToken cancellationToken);
}
