using Herald.Protocol;
using Herald.Transport;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    /// <summary>
    /// Called about once a second by <see cref="HeartbeatMonitor"/>: pings, the silence timeout
    /// (4000), and the credential's expiry (<c>expiring</c>, then 4001).
    /// </summary>
    public void Tick(long now, DateTimeOffset utcNow)
    {
        if (IsClosing)
        {
            return;
        }

        var o = _services.Options;
        Volatile.Write(ref _messageTokens, o.MessagesPerSecond);
        Volatile.Write(ref _rateRefusals, 0);
        var time = _services.Time;
        // A one-way transport's peer cannot answer; a dead one shows as a failed write instead.
        var interval = _format.HeartbeatInterval ?? TimeSpan.FromSeconds(o.PingInterval);
        var silence = time.GetElapsedTime(Volatile.Read(ref _lastActivity), now);
        if (_transport.IsDuplex && _format.ClosesSilentConnections && silence > (2 * interval) + TimeSpan.FromSeconds(o.HeartbeatGrace))
        {
            Close(CloseCodes.HeartbeatTimeout, "heartbeat timeout", flush: false);
            return;
        }

        // Half a tick of slack: the monitor ticks once a second, and a ping due at 0.999 s
        // must not slip a whole tick (that would double the gap a responsive client sees).
        if (time.GetElapsedTime(_lastPing, now) >= interval - HeartbeatMonitor.Period / 2)
        {
            _lastPing = now;
            if (_wire.Ping() is { } ping)
            {
                Send(OutboundMessage.Ping(ping));
            }
        }

        if (Principal.ExpiresAt is not { } expiresAt)
        {
            return;
        }

        var left = expiresAt - utcNow;
        if (left <= TimeSpan.Zero)
        {
            Send(_wire.ErrorReply(default, ErrorCodes.TokenExpired, "The token expired; reconnect with a new one."));
            Close(CloseCodes.NotAuthenticated, "token expired", flush: true);
        }
        else if (!_expiringSent && left <= TimeSpan.FromSeconds(o.ExpiringNotice))
        {
            _expiringSent = true;
            Send(_wire.Expiring((long)Math.Ceiling(left.TotalSeconds)));
        }
    }
}
