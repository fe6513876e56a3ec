namespace Herald.Sessions;

/// <summary>Stands in a session's abort-timer slot once the session has ended, so a late Close creates none.</summary>
internal sealed class EndedTimer : ITimer
{
    public static readonly EndedTimer Instance = new();

    public bool Change(TimeSpan dueTime, TimeSpan period) => false;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
