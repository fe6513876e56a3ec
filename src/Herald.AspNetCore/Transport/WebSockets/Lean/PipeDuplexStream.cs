using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>
/// The connection's own pipes as the stream <see cref="System.Net.WebSockets.WebSocket.CreateFromStream(Stream, System.Net.WebSockets.WebSocketCreationOptions)"/>
/// frames over. A zero-byte read waits for data without taking any, so an idle connection holds no buffer;
/// each write is flushed, as a socket stream's would be.
/// </summary>
internal sealed class PipeDuplexStream(ConnectionContext connection) : Stream
{
    private readonly IDuplexPipe pipe = connection.Transport;
    private int _disposed;

    /// <summary>The WebSocket framing over this stream; its state tells an abort from a close.</summary>
    public WebSocket? Owner { get; set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await pipe.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                var count = (int)Math.Min(buffer.Length, destination.Length);
                buffer.Slice(0, count).CopyTo(destination.Span);
                pipe.Input.AdvanceTo(buffer.GetPosition(count));
                return count;
            }

            pipe.Input.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                // The peer is gone, or the socket was aborted (Dispose cancels the pending read).
                return 0;
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        // A frame the pipe takes at once costs no state machine: the delivery path allocates nothing.
        var flush = pipe.Output.WriteAsync(source, cancellationToken);
        if (flush.IsCompletedSuccessfully)
        {
            ThrowIfClosed(flush.Result);
            return default;
        }

        return AwaitFlushAsync(flush);
    }

    private static async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush) => ThrowIfClosed(await flush.ConfigureAwait(false));

    private static void ThrowIfClosed(FlushResult result)
    {
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException("The connection was closed.");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // WebSocket.Abort and a completed close both end here. As ASP.NET Core's WebSocket middleware does,
        // only an abort tears the connection down (dropping unsent bytes and waking a write stuck behind a
        // full TCP window); after a close Kestrel completes the pipes, unsent bytes (the close frame) included.
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0 && Owner?.State == WebSocketState.Aborted)
        {
            connection.Abort();
        }

        base.Dispose(disposing);
    }
}
