using Herald.Log;
using Herald.Security;

namespace Herald.Hub;

/// <summary>The per-recipient loop of a fan-out, shared by the dispatcher's own path and the stripes.</summary>
internal static class ChunkDelivery
{
    /// <summary>Queues the run to each subscription of the chunk and flushes those that got something.</summary>
    public static int Deliver(Subscription[] chunk, ReadOnlySpan<LogEntry> run, ReadOnlySpan<AttributeRequirement?> requirements)
    {
        var delivered = 0;
        foreach (var subscription in chunk)
        {
            var queued = 0;
            for (var i = 0; i < run.Length; i++)
            {
                if (subscription.Deliver(run[i], requirements[i]))
                {
                    queued++;
                }
            }

            if (queued > 0)
            {
                // Sends now, on this thread, when the connection is idle: the run as one frame.
                subscription.Subscriber.Flush();
                delivered += queued;
            }
        }

        return delivered;
    }
}
