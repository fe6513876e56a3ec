using System.Security.Cryptography;

namespace StorageService.Hosting;

/// <summary>
/// With no JWT key configured, the sample makes an HS256 secret in its data directory on first
/// start and reuses it, so minted tokens survive restarts and no secret lives in the repository.
/// </summary>
internal static class DevSecret
{
    public const string FileName = "jwt-secret";

    public static void Ensure(IConfiguration configuration, string dataDirectory)
    {
        if (!string.IsNullOrEmpty(configuration["Herald:Jwt:Secret"])
            || !string.IsNullOrEmpty(configuration["Herald:Jwt:PublicKey"])
            || !string.IsNullOrEmpty(configuration["Herald:Jwt:PublicKeyFile"]))
        {
            return;
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        configuration["Herald:Jwt:Secret"] = File.ReadAllText(path).Trim();
    }
}
