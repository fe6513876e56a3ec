using Herald.Channels;
using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>Fails start-up on options that would otherwise fail at the first connection.</summary>
internal sealed class HeraldOptionsValidator : IValidateOptions<HeraldOptions>
{
    // A stalled connection holds its socket and a frame for the whole grace; a client silent for
    // longer than this is gone, and would only keep those resources from others.
    private static readonly TimeSpan MaxSlowConsumerCloseGrace = TimeSpan.FromMinutes(10);

    // Past the cores there are, more stripes only add wake-ups to every fan-out.
    private const int MaxFanOutThreads = 256;

    public ValidateOptionsResult Validate(string? name, HeraldOptions o)
    {
        var errors = new List<string>();
        Positive(errors, nameof(o.PingInterval), o.PingInterval);
        Positive(errors, nameof(o.MaxFrameBytes), o.MaxFrameBytes);
        Positive(errors, nameof(o.MaxSubscriptions), o.MaxSubscriptions);
        Positive(errors, nameof(o.SendQueueCapacity), o.SendQueueCapacity);
        Positive(errors, nameof(o.MaxCoalescedBytes), o.MaxCoalescedBytes);
        Positive(errors, nameof(o.BadMessageLimit), o.BadMessageLimit);
        Positive(errors, nameof(o.BadMessageWindow), o.BadMessageWindow);
        Positive(errors, nameof(o.MaxEventDataBytes), o.MaxEventDataBytes);
        Positive(errors, nameof(o.MaxConnectionsPerIp), o.MaxConnectionsPerIp);
        Positive(errors, nameof(o.MaxConnectionsPerCredential), o.MaxConnectionsPerCredential);
        Positive(errors, nameof(o.MessagesPerSecond), o.MessagesPerSecond);
        Positive(errors, nameof(o.PublishesPerSecond), o.PublishesPerSecond);
        Positive(errors, nameof(o.TicketLifetime), o.TicketLifetime);
        Positive(errors, nameof(o.StreamTicketLifetime), o.StreamTicketLifetime);
        Positive(errors, nameof(o.MaxStreamChannels), o.MaxStreamChannels);
        Within(errors, nameof(o.SlowConsumerCloseGrace), o.SlowConsumerCloseGrace, MaxSlowConsumerCloseGrace);
        Within(errors, nameof(o.PublishTimeout), o.PublishTimeout, TimeSpan.FromMinutes(5));
        Within(errors, nameof(o.BusStallTimeout), o.BusStallTimeout, TimeSpan.FromHours(1));
        if (o.FanOutThreads is < 0 or > MaxFanOutThreads)
        {
            errors.Add($"Herald:FanOutThreads must be between 0 (one per core) and {MaxFanOutThreads}, not {o.FanOutThreads}.");
        }

        if (o.Jwt.CacheSize is < 0 or > JwtOptions.MaxCacheSize)
        {
            errors.Add($"Herald:Jwt:CacheSize must be 0 (no cache) to {JwtOptions.MaxCacheSize}.");
        }

        if (o.HeartbeatGrace < 0)
        {
            errors.Add("Herald:HeartbeatGrace must not be negative.");
        }

        if (string.IsNullOrWhiteSpace(o.NodeId) || !ChannelName.IsValid(o.NodeId))
        {
            errors.Add("Herald:NodeId must be 1-128 characters of [A-Za-z0-9_.:@=-].");
        }

        foreach (var clash in o.Namespaces.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Namespaces {string.Join(" and ", clash.Select(k => $"'{k}'"))} differ only in case; namespace names are case-insensitive.");
        }

        foreach (var (ns, rules) in o.Namespaces)
        {
            if (!ChannelName.IsValid(ns) || ns.Contains(':'))
            {
                errors.Add($"Namespace '{ns}' is not a valid namespace name.");
            }

            if (rules.HistorySize < 0 || rules.MaxKeys < 0 || rules.HistoryAge < TimeSpan.Zero)
            {
                errors.Add($"Namespace '{ns}': HistorySize, MaxKeys and HistoryAge must not be negative.");
            }

            foreach (var rule in rules.EventRules)
            {
                if (string.IsNullOrEmpty(rule.Events))
                {
                    errors.Add($"Namespace '{ns}': every event rule needs an 'Events' glob.");
                }
            }
        }

        // Accepted here, such a secret would reject every token with nothing to say why.
        if (!string.IsNullOrEmpty(o.Jwt.Secret) && System.Text.Encoding.UTF8.GetByteCount(o.Jwt.Secret) is var bytes && bytes < JwtOptions.MinSecretBytes)
        {
            errors.Add($"Herald:Jwt:Secret is {bytes} bytes; HS256 needs at least {JwtOptions.MinSecretBytes}. Set a longer one (e.g. the output of `openssl rand -base64 32`), or remove it to let the server generate one into <data directory>/jwt-secret.");
        }

        if (o.DefaultNamespace is { } fallback && !o.Namespaces.ContainsKey(fallback))
        {
            errors.Add($"Herald:DefaultNamespace '{fallback}' is not a configured namespace.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Within(List<string> errors, string name, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"Herald:{name} must be positive and at most {max}.");
        }
    }

    private static void Positive(List<string> errors, string name, int value)
    {
        if (value <= 0)
        {
            errors.Add($"Herald:{name} must be positive.");
        }
    }
}
