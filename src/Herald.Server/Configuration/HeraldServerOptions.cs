using Herald.Storage.Postgres;
using Herald.Storage.Redis;
using Herald.Tooling.Secrets;
using Microsoft.Extensions.Options;

namespace Herald.Server.Configuration;

/// <summary>
/// The standalone server's own keys under the <c>Herald</c> section, beside the
/// <see cref="Herald.Configuration.HeraldOptions"/> any host has. Read before the host is built,
/// because they choose its listeners and services.
/// </summary>
internal sealed class HeraldServerOptions
{
    public const int DefaultListenBacklog = 4096;

    /// <summary><c>memory</c>, <c>sqlite</c> (<c>&lt;DataDirectory&gt;/herald.db</c>; the shipped appsettings.json), <c>postgres</c> or <c>redis</c>.</summary>
    public string Store { get; set; } = "memory";

    /// <summary>Where the server keeps its generated secret and embedded database, relative to where it runs.</summary>
    public string DataDirectory { get; set; } = JwtSecretFile.DefaultDataDirectory;

    /// <summary>
    /// Every client of a restarted node reconnects at once; SYNs beyond the accept queue wait for
    /// TCP's 1 s, 3 s, ... retransmits. The kernel caps this at net.core.somaxconn.
    /// </summary>
    public int ListenBacklog { get; set; } = DefaultListenBacklog;

    /// <summary>
    /// Kestrel's socket sends run on the thread that flushes (the hub's fan-out) instead of being
    /// queued to an I/O thread: one handoff and a thread wake per delivery saved, which was most of
    /// a delivery's cost. Received data is handed to the application on the socket's completion
    /// thread (a thread-pool thread, not the epoll thread, unless the runtime's
    /// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS is set as well).
    /// </summary>
    public bool InlineSocketSends { get; set; } = true;

    /// <summary>
    /// WebSocket upgrades to the mounts are answered before Kestrel's HTTP/1.1 pipeline, which then keeps
    /// nothing of the request (a third of the memory per idle connection); false runs them through it.
    /// </summary>
    public bool LeanWebSockets { get; set; } = true;

    /// <summary>The <c>cluster</c> channel, <c>/ws/cluster</c> and <c>/metrics</c>.</summary>
    public bool ClusterFeed { get; set; } = true;

    /// <summary>A listener of its own for <c>/metrics</c>; unset, <c>/metrics</c> is on the main listener.</summary>
    public string? MetricsUrl { get; set; }

    /// <summary>WebSocket mounts beside <c>/ws</c> (or replacing its format), each with its wire format.</summary>
    public List<MountOptions> Mounts { get; set; } = [];

    /// <summary>The shared store when <see cref="Store"/> is <c>postgres</c>.</summary>
    public PostgresOptions Postgres { get; set; } = new();

    /// <summary>The shared store when <see cref="Store"/> is <c>redis</c>.</summary>
    public RedisOptions Redis { get; set; } = new();

    /// <summary>The lower-cased store name; a typo is the operator's to fix, so it is refused, not defaulted.</summary>
    public string StoreName => Store.Trim().ToLowerInvariant();

    public static HeraldServerOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Herald.Configuration.HeraldOptions.SectionName).Get<HeraldServerOptions>() ?? new();
        var errors = new List<string>();
        if (options.StoreName is not ("memory" or "sqlite" or "postgres" or "redis"))
        {
            errors.Add($"Herald:Store must be memory, sqlite, postgres or redis, not '{options.Store}'.");
        }

        if (options.ListenBacklog <= 0)
        {
            errors.Add($"Herald:ListenBacklog must be positive, not {options.ListenBacklog}.");
        }

        CheckMounts(options.Mounts, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Herald.Configuration.HeraldOptions.SectionName, typeof(HeraldServerOptions), errors);
        }

        return options;
    }

    private static void CheckMounts(List<MountOptions> mounts, List<string> errors)
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            if (!mount.Path.StartsWith('/') || mount.Path.Length < 2 || mount.Path.Any(char.IsWhiteSpace))
            {
                errors.Add($"Herald:Mounts:{i}:Path must be a path such as /api/ws/tasks, not '{mount.Path}'.");
            }
            else if (!paths.Add(mount.Path.TrimEnd('/')))
            {
                errors.Add($"Herald:Mounts:{i}:Path '{mount.Path}' is mounted twice.");
            }

            if (mount.WireFormat is null)
            {
                errors.Add($"Herald:Mounts:{i}:Format must be one of {string.Join(", ", Herald.WireFormats.HeraldWireFormats.All.Select(f => f.Name))}, not '{mount.Format}'.");
            }
        }
    }
}
