using Herald.Configuration;
using Herald.Diagnostics;
using Herald.Hub;
using Herald.Log;
using Herald.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Sessions;

/// <summary>What every session needs, resolved once rather than per connection.</summary>
internal sealed class SessionServices(
    IOptions<HeraldOptions> options,
    HeraldHub hub,
    CatchUpReader log,
    ChannelAccess access,
    ITokenValidator tokens,
    HeraldCounters counters,
    HeraldMetrics metrics,
    SessionRegistry registry,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public HeraldOptions Options { get; } = options.Value;

    public HeraldHub Hub { get; } = hub;

    public CatchUpReader Log { get; } = log;

    public ChannelAccess Access { get; } = access;

    public ITokenValidator Tokens { get; } = tokens;

    public HeraldCounters Counters { get; } = counters;

    public HeraldMetrics Metrics { get; } = metrics;

    public SessionRegistry Registry { get; } = registry;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = loggers.CreateLogger("Herald.Sessions.HeraldSession");
}
