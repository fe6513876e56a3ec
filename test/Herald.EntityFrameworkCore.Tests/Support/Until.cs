using System.Diagnostics;

namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary><see cref="Eventually"/> for conditions that have to await (database reads).</summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }
}
