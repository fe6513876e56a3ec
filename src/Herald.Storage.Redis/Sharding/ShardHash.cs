using System.Text;

namespace Herald.Storage.Redis.Sharding;

/// <summary>
/// Which instance holds a channel: FNV-1a (32 bit) of its UTF-8 name, modulo the instance count.
/// Defined here rather than borrowed (string.GetHashCode changes per process), because every node,
/// and every later version, must put a channel on the same instance.
/// </summary>
internal static class ShardHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int Of(string channel, int shards)
    {
        if (shards == 1)
        {
            return 0;
        }

        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(channel) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(channel, buffer)] : Encoding.UTF8.GetBytes(channel);
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash % (uint)shards);
    }
}
