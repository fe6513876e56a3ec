using Herald.Configuration;
using Herald.Security;
using Herald.Sources;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Http;

/// <summary>What the publish endpoints need, injected as one parameter.</summary>
internal sealed class PublishServices(IHeraldPublisher publisher, ChannelAccess access, PublishRateLimiter limiter, IOptions<HeraldOptions> options)
{
    private readonly long _perMessage = (long)options.Value.MaxEventDataBytes + 4096;

    public IHeraldPublisher Publisher { get; } = publisher;

    public ChannelAccess Access { get; } = access;

    public PublishRateLimiter Limiter { get; } = limiter;

    /// <summary>The most a body of <paramref name="messages"/> events may take: their data, and room for the rest of each.</summary>
    public long BodyLimit(int messages) => _perMessage * messages;
}
