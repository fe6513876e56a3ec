namespace StorageService.Api;

internal static class ApiProblems
{
    public static IResult NotFound(string what) =>
        TypedResults.Problem(detail: $"No such {what}.", statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });

    public static IResult Invalid(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["code"] = "BAD_REQUEST" });
}
