using System.Diagnostics;

namespace Herald.Api.Tests.Support;

/// <summary>Like <see cref="Eventually"/>, for conditions that need an await (an HTTP call).</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
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
                throw new TimeoutException($"Timed out waiting for: {what}; last value: {value}");
            }

            await Task.Delay(20);
        }
    }
}
