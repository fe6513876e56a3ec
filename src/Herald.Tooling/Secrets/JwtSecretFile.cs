using System.Security.Cryptography;

namespace Herald.Tooling.Secrets;

/// <summary>
/// The development HS256 secret the server generates into its data directory when no JWT key is
/// configured. Every reader finds the directory the same way: an explicit option, then the
/// configured data directory, then the default, relative to the directory the command ran in.
/// </summary>
public static class JwtSecretFile
{
    public const string FileName = "jwt-secret";

    public const string DefaultDataDirectory = "herald-data";

    /// <summary>The configuration keys that name a JWT key; with any of them set, no file is made or read.</summary>
    public static readonly string[] JwtKeySettings = ["Herald:Jwt:Secret", "Herald:Jwt:PublicKey", "Herald:Jwt:PublicKeyFile"];

    public static string DataDirectory(string? option, string? configured, string fallback, string currentDirectory) =>
        Path.GetFullPath(Blank(option) ?? Blank(configured) ?? fallback, currentDirectory);

    /// <summary>The secret in <paramref name="dataDirectory"/>, or null when the server never made one there.</summary>
    public static string? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolingException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The server's start-up step: with no JWT key configured, reads the file (making it, readable
    /// by the owner only, on first start) and sets <c>Herald:Jwt:Secret</c> from it.
    /// </summary>
    /// <returns>The path of the file when this call created it; otherwise null.</returns>
    public static string? EnsureConfigured(Func<string, string?> setting, Action<string, string> set, string dataDirectory)
    {
        if (JwtKeySettings.Any(key => !string.IsNullOrEmpty(setting(key))))
        {
            return null;
        }

        string? generated = null;
        if (Read(dataDirectory) is not { } secret)
        {
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            generated = Write(dataDirectory, secret);
        }

        set("Herald:Jwt:Secret", secret);
        return generated;
    }

    private static string Write(string dataDirectory, string secret)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(secret);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
