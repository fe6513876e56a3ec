using Herald.Security;

namespace StorageService.Api;

/// <summary>
/// JWT authentication for the REST API with Herald's own validator, so the API and the monitor
/// accept exactly the same tokens (same secret or public key, same attribute claims).
/// </summary>
public static class StorageAuth
{
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder builder, string attribute) =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Problem(StatusCodes.Status401Unauthorized, "MISSING_CREDENTIALS", "Send a JWT in Authorization: Bearer.");
            }

            var validator = http.RequestServices.GetRequiredService<ITokenValidator>();
            var outcome = await validator.ValidateAsync(header["Bearer ".Length..].Trim(), http.RequestAborted);
            if (!outcome.Succeeded)
            {
                return Problem(StatusCodes.Status401Unauthorized, outcome.ErrorCode!, outcome.Message!);
            }

            if (!outcome.Principal!.HasAttribute(attribute))
            {
                return Problem(StatusCodes.Status403Forbidden, "ACCESS_DENIED", $"This call needs the '{attribute}' attribute.");
            }

            return await next(invocation);
        })
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    private static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
