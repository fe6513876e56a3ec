namespace Herald.Storage.Redis.Log;

/// <summary>
/// The log's reads, one script each so each sees one state of the instance while other nodes keep
/// appending (a script runs alone). What a subscriber is given is decided in Core.
/// </summary>
internal static class ReadScripts
{
    /// <summary>KEYS: stream hash. ARGV: a new epoch. The stream's {epoch, last}; a first sight creates it with that epoch.</summary>
    public const string Head = """
        local head = redis.call('HMGET', KEYS[1], 'epoch', 'last')
        if not head[1] then
          redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'last', 0)
          return {ARGV[1], 0}
        end
        return {head[1], tonumber(head[2])}
        """;

    /// <summary>
    /// KEYS: per channel its stream hash and events stream. ARGV: per channel after, through and limit.
    /// Per channel {epoch or '', entries}, each entry {id "offset-0", {'t', ms, 'v', value}}.
    /// </summary>
    public const string Ranges = """
        local out = {}
        for i = 1, #KEYS / 2 do
          local epoch = redis.call('HGET', KEYS[2 * i - 1], 'epoch')
          local a = (i - 1) * 3
          local lo = tonumber(ARGV[a + 1]) + 1
          local hi = tonumber(ARGV[a + 2])
          if epoch and lo <= hi then
            out[i] = {epoch, redis.call('XRANGE', KEYS[2 * i], string.format('%d-0', lo), string.format('%d-0', hi), 'COUNT', ARGV[a + 3])}
          else
            out[i] = {epoch or '', {}}
          end
        end
        return out
        """;

    /// <summary>KEYS: stream hash, latest hash, latest order. {epoch, offset, value, offset, value, ...} in offset order; {} without a stream.</summary>
    public const string Latest = """
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if not epoch then
          return {}
        end
        local out = {epoch}
        local order = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
        for i = 1, #order, 2 do
          out[#out + 1] = order[i + 1]
          out[#out + 1] = redis.call('HGET', KEYS[2], order[i])
        end
        return out
        """;

    /// <summary>KEYS: stream hashes. Each one's last offset, -1 for a channel without a stream.</summary>
    public const string LastOffsets = """
        local out = {}
        for i = 1, #KEYS do
          out[i] = tonumber(redis.call('HGET', KEYS[i], 'last') or '-1')
        end
        return out
        """;
}
