using Herald.Tooling.Secrets;

namespace Herald.Server;

/// <summary>
/// With no JWT key configured, the server makes its own HS256 secret in the data directory on
/// first start and reuses it afterwards, so tokens survive restarts and no secret ever lives
/// in the repository.
/// </summary>
internal static class SecretBootstrap
{
    /// <summary>The file the secret was generated into during this process, if one was.</summary>
    public static string? Generated { get; private set; }

    public static void EnsureJwtKey(ConfigurationManager configuration, string dataDirectory)
    {
        var generated = JwtSecretFile.EnsureConfigured(key => configuration[key], (key, value) => configuration[key] = value, dataDirectory);
        Generated ??= generated;
    }

    /// <summary><c>Herald:DataDirectory</c> (default <c>herald-data</c>), relative to the directory the server was started in.</summary>
    public static string DataDirectory(string configured) =>
        JwtSecretFile.DataDirectory(null, configured, JwtSecretFile.DefaultDataDirectory, Directory.GetCurrentDirectory());
}
