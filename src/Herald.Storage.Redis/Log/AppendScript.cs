namespace Herald.Storage.Redis.Log;

/// <summary>
/// One batch on one instance, atomically (Redis runs a script to the end before anything else):
/// idempotency claims, each channel's next offsets, the events, latest state per key (a tombstone
/// removes its key), trims by size (keeping the read-back slack) and age, eviction of the oldest
/// keys beyond MaxKeys, and one notification of the ranges committed. Nothing of it is visible,
/// announced or answered before all of it is done (and, with <c>appendfsync always</c>, on disk).
/// </summary>
internal static class AppendScript
{
    public const int KeysPerChannel = 4;
    public const int ArgsPerChannel = 5;
    public const int ArgsPerEvent = 5;
    public const int FixedArgs = 5;

    public const int FlagKey = 1;
    public const int FlagTombstone = 2;

    /// <summary>
    /// KEYS: per channel its stream hash, events stream, latest hash and latest order; then the idempotency keys.
    /// ARGV: now (ms), read-back slack, notification channel, channel count, event count; per channel its
    /// name, a new epoch (used if it has none), history size, history age (ms) and max keys; per event its
    /// channel number, idempotency key number (0: none), flags (1 key, 2 tombstone), key and stored value.
    /// Returns {epochs, results}: per event its offset, or the earlier "channel\nepoch\noffset" of its key.
    /// </summary>
    public const string Source = """
        local now = tonumber(ARGV[1])
        local slack = tonumber(ARGV[2])
        local n = tonumber(ARGV[4])
        local m = tonumber(ARGV[5])
        local idem = 4 * n
        local epochs, last, first = {}, {}, {}
        for i = 1, n do
          local a = 5 + (i - 1) * 5
          local stream = KEYS[(i - 1) * 4 + 1]
          local head = redis.call('HMGET', stream, 'epoch', 'last')
          if not head[1] then
            head = {ARGV[a + 2], 0}
            redis.call('HSET', stream, 'epoch', head[1], 'last', 0)
          end
          epochs[i] = head[1]
          last[i] = tonumber(head[2])
          first[i] = last[i] + 1
        end
        local results = {}
        local e0 = 5 + n * 5
        for j = 1, m do
          local a = e0 + (j - 1) * 5
          local i = tonumber(ARGV[a + 1])
          local k = tonumber(ARGV[a + 2])
          local flags = tonumber(ARGV[a + 3])
          local prior = false
          if k > 0 then
            prior = redis.call('GET', KEYS[idem + k])
          end
          if prior then
            results[j] = prior
          else
            local base = (i - 1) * 4
            local off = last[i] + 1
            last[i] = off
            redis.call('XADD', KEYS[base + 2], string.format('%d-0', off), 't', ARGV[1], 'v', ARGV[a + 5])
            if flags % 2 == 1 then
              if flags >= 2 then
                redis.call('HDEL', KEYS[base + 3], ARGV[a + 4])
                redis.call('ZREM', KEYS[base + 4], ARGV[a + 4])
              else
                redis.call('HSET', KEYS[base + 3], ARGV[a + 4], ARGV[a + 5])
                redis.call('ZADD', KEYS[base + 4], off, ARGV[a + 4])
              end
            end
            if k > 0 then
              redis.call('SET', KEYS[idem + k], ARGV[5 + (i - 1) * 5 + 1] .. '\n' .. epochs[i] .. '\n' .. string.format('%d', off), 'PX', 86400000)
            end
            results[j] = off
          end
        end
        local notes = {}
        for i = 1, n do
          local a = 5 + (i - 1) * 5
          local base = (i - 1) * 4
          if last[i] >= first[i] then
            local events = KEYS[base + 2]
            redis.call('HSET', KEYS[base + 1], 'last', last[i])
            local floor = last[i] - tonumber(ARGV[a + 3]) - slack
            if floor > 0 then
              redis.call('XTRIM', events, 'MINID', string.format('%d-0', floor + 1))
            end
            local cutoff = now - tonumber(ARGV[a + 4])
            local oldest = redis.call('XRANGE', events, '-', '+', 'COUNT', 1)
            if #oldest > 0 and tonumber(oldest[1][2][2]) < cutoff then
              local from = '-'
              for page = 1, 16 do
                local rows = redis.call('XRANGE', events, from, '+', 'COUNT', 32)
                if #rows == 0 then break end
                local keep = false
                for _, row in ipairs(rows) do
                  if tonumber(row[2][2]) >= cutoff then keep = row[1] break end
                end
                redis.call('XTRIM', events, 'MINID', keep or rows[#rows][1])
                if keep then break end
                from = '(' .. rows[#rows][1]
              end
            end
            local order = KEYS[base + 4]
            local keys = redis.call('ZCARD', order)
            local max = tonumber(ARGV[a + 5])
            if keys > max then
              local gone = redis.call('ZPOPMIN', order, keys - max)
              for g = 1, #gone, 2 do
                redis.call('HDEL', KEYS[base + 3], gone[g])
              end
            end
            notes[#notes + 1] = string.format('%d %d ', first[i], last[i]) .. ARGV[a + 1]
          end
        end
        if #notes > 0 then
          redis.call('PUBLISH', ARGV[3], table.concat(notes, '\n'))
        end
        return {epochs, results}
        """;
}
