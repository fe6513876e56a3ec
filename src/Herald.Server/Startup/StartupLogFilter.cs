namespace Herald.Server.Startup;

/// <summary>
/// A failed start is reported by <c>Program</c> in one sentence (or rethrown whole), so until the
/// server has started the generic host's own category logs only critical entries: its "Hosting
/// failed to start" with a stack trace would only repeat it. After a failed start the lifetime's
/// "Application is shutting down..." is dropped too; nothing had started. Once started, both
/// categories log from Information up, their usual level.
/// </summary>
internal sealed class StartupLogFilter
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const string LifetimeCategory = "Microsoft.Hosting.Lifetime";

    private volatile State _state;

    private enum State
    {
        Starting,
        Started,
        Failed,
    }

    public void Apply(WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter(HostCategory, level => level >= (_state == State.Started ? LogLevel.Information : LogLevel.Critical));
        builder.Logging.AddFilter(LifetimeCategory, level => level >= (_state == State.Failed ? LogLevel.Warning : LogLevel.Information));
    }

    public void Watch(WebApplication app) => app.Lifetime.ApplicationStarted.Register(() => _state = State.Started);

    public void Failed() => _state = State.Failed;
}
