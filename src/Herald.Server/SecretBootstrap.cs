using System.Security.Cryptography;

namespace Herald.Server;

/// <summary>
/// With no JWT key configured, the server makes its own HS256 secret in the data directory on
/// first start and reuses it afterwards, so tokens survive restarts and no secret ever lives
/// in the repository.
/// </summary>
internal static class SecretBootstrap
{
    public const string FileName = "jwt-secret";

    /// <summary>The file the secret was generated into during this process, if one was.</summary>
    public static string? Generated { get; private set; }

    public static void EnsureJwtKey(ConfigurationManager configuration)
    {
        if (!string.IsNullOrEmpty(configuration["Herald:Jwt:Secret"])
            || !string.IsNullOrEmpty(configuration["Herald:Jwt:PublicKey"])
            || !string.IsNullOrEmpty(configuration["Herald:Jwt:PublicKeyFile"]))
        {
            return;
        }

        var directory = Path.GetFullPath(configuration["Herald:DataDirectory"] ?? "herald-data", Directory.GetCurrentDirectory());
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(secret);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            Generated = path;
        }

        configuration["Herald:Jwt:Secret"] = File.ReadAllText(path).Trim();
    }
}
