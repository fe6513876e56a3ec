using System.Diagnostics;

namespace Herald.Testing;

/// <summary>
/// Waits for a condition with a deadline, instead of sleeping a fixed time. It polls because
/// most conditions (a counter, a database row, an HTTP answer) have no event to await; where
/// the awaited thing can signal, await that signal instead.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a loaded two-core CI machine; a passing test never waits it out.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>For conditions that have to await (a database read, an HTTP call).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await UntilAsync(condition, done => done, what, timeout);

    /// <summary>Probes until <paramref name="done"/> holds and returns the value that satisfied it.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting for: {what}; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }
}
