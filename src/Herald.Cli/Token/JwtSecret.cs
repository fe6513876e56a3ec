namespace Herald.Cli.Token;

/// <summary>Finds the HS256 secret as the server does: <c>--secret</c>, <c>HERALD_JWT_SECRET</c>, or <c>&lt;data dir&gt;/jwt-secret</c>.</summary>
internal static class JwtSecret
{
    public const string FileName = "jwt-secret";

    public static string Find(string? option, string dataDirectory, CliContext context)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option.Trim();
        }

        if (context.Environment("HERALD_JWT_SECRET") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }

        var path = Path.Combine(Path.GetFullPath(dataDirectory, context.CurrentDirectory), FileName);
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(ExitCodes.Usage, $"no JWT secret: pass --secret, set HERALD_JWT_SECRET, or run where the server keeps {Path.Combine(dataDirectory, FileName)}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read {path}: {ex.Message}", ex);
        }
    }
}
