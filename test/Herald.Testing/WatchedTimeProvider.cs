using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Testing;

/// <summary>
/// <see cref="FakeTimeProvider"/> that also tells when a given type has created a timer, which
/// FakeTimeProvider cannot (it does not list its pending timers). Since .NET 10 a
/// BackgroundService runs all of ExecuteAsync on the thread pool, so a service's PeriodicTimer
/// may be created after the host has started; advancing before that moves the clock past a
/// timer that does not exist yet, and its first tick comes one period late.
/// </summary>
public sealed class WatchedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _watches = new();

    /// <summary>Starts at the real time, so tokens signed and checked on either clock agree.</summary>
    public WatchedTimeProvider()
        : this(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>
    /// Completes once a method of a type named <paramref name="typeName"/> (its own or its async
    /// state machine's) creates a timer. Ask before the code under test can create it.
    /// </summary>
    public Task TimerCreatedBy(string typeName) =>
        _watches.GetOrAdd(typeName, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        foreach (var (typeName, created) in _watches)
        {
            if (!created.Task.IsCompleted && IsOnStack(typeName))
            {
                created.TrySetResult();
            }
        }

        return timer;
    }

    private static bool IsOnStack(string typeName) =>
        new StackTrace(skipFrames: 2, fNeedFileInfo: false).GetFrames().Any(frame =>
            frame.GetMethod()?.DeclaringType is { } type
            && (type.Name == typeName || type.DeclaringType?.Name == typeName));
}
