using Herald.Transport;

namespace Herald.Outbox;

internal sealed partial class SessionOutbox
{
    /// <summary>
    /// Under the lock: moves the next message into the batch, and as many after it as fit within
    /// <c>MaxCoalescedBytes</c> counting one separator byte each (what a WebSocket frame spends joining
    /// them). A message larger than the limit still goes, alone.
    /// </summary>
    private int TakeBatch(out int bytes)
    {
        var first = _queue.Dequeue();
        bytes = first.Bytes.Length;
        var count = 1;
        EnsureBatch(1)[0] = first;
        while (_queue.TryPeek(out var next) && bytes + 1 + next.Bytes.Length <= _maxBatchBytes)
        {
            EnsureBatch(count + 1)[count++] = _queue.Dequeue();
            bytes += 1 + next.Bytes.Length;
        }

        return count;
    }

    private OutboundMessage[] EnsureBatch(int length)
    {
        if (_batch.Length < length)
        {
            Array.Resize(ref _batch, Math.Max(length, Math.Min(_batch.Length * 2, _capacity)));
        }

        return _batch;
    }
}
