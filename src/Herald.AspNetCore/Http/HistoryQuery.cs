using System.Globalization;

namespace Herald.AspNetCore.Http;

/// <summary>The query of <c>GET /api/channels/{channel}/history</c>, validated.</summary>
internal readonly record struct HistoryQuery(long? Since, string? Epoch, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const int MaxEpochLength = 128;

    /// <summary>False with a message for a <c>BAD_REQUEST</c> problem; nothing is read then.</summary>
    public static bool TryParse(string? since, string? epoch, string? limit, out HistoryQuery query, out string error)
    {
        query = default;
        long? after = null;
        if (since is not null)
        {
            if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                error = "'since' must be an offset: a whole number, 0 or more.";
                return false;
            }

            after = offset;
        }

        if (epoch is not null && (after is null || epoch.Length is 0 or > MaxEpochLength))
        {
            error = after is null
                ? "'epoch' names the life of the stream 'since' belongs to; give 'since' with it."
                : $"'epoch' must be 1-{MaxEpochLength} characters.";
            return false;
        }

        var size = DefaultLimit;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            error = $"'limit' must be a whole number from 1 to {MaxLimit}.";
            return false;
        }

        query = new HistoryQuery(after, epoch, size);
        error = "";
        return true;
    }
}
