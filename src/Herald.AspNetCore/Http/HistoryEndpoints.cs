using System.ComponentModel;
using Herald.Channels;
using Herald.History;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Http;

/// <summary><c>GET /api/channels/{channel}/history</c>: a channel's retained events, for whoever may subscribe to it.</summary>
internal static partial class HistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/channels/{channel}/history", HistoryAsync)
            .WithName("History")
            .WithSummary("A page of the channel's retained events, filtered for the caller like a replay.")
            .WithDescription(
                "Who may subscribe to the channel may read it. Events the caller may not see are left out; "
                + "their offsets are skipped, and `next` moves past them. Page with `since=next.offset&epoch=next.epoch` "
                + "while `has_more` is true. `recovered: false` means `since` could not be honoured (another epoch, "
                + "or history trimmed past it) and the page starts at the oldest retained event.")
            .Produces<HistoryResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HistoryAsync(
        HttpContext context,
        [Description("The channel, e.g. job:123.")] string channel,
        [Description("The offset to start after (a `next.offset`); omitted: the oldest retained event.")] string? since,
        [Description("The epoch `since` belongs to (a `next.epoch`); omitted: the current one.")] string? epoch,
        [Description("Visible events per page, 1-1000; default 100.")] string? limit)
    {
        var (principal, failure) = await HttpAuth.AuthenticateAsync(context);
        if (failure is not null)
        {
            return failure;
        }

        if (!HistoryQuery.TryParse(since, epoch, limit, out var query, out var error))
        {
            return Problems.FromCode(ErrorCodes.BadRequest, error);
        }

        var services = context.RequestServices;
        if (!ChannelName.IsValid(channel))
        {
            return Problems.FromCode(ErrorCodes.InvalidChannel, "Channel names are 1-128 characters of [A-Za-z0-9_.:@=-].");
        }

        if (services.GetRequiredService<NamespaceRules>().Resolve(channel) is not { } policy)
        {
            return Problems.FromCode(ErrorCodes.InvalidChannel, $"Unknown namespace '{ChannelName.NamespaceOf(channel)}'.");
        }

        IChannelAuthorizer[] authorizers = [.. services.GetServices<IChannelAuthorizer>()];
        if (!await SubscribeAccess.AllowsAsync(principal!, policy, channel, authorizers, context.RequestAborted))
        {
            return Problems.FromCode(ErrorCodes.AccessDenied, $"Not allowed to subscribe to '{channel}', so not to read its history.");
        }

        try
        {
            var page = await services.GetRequiredService<ChannelHistory>().ReadAsync(
                channel, policy, principal!.Permissions, query.Since, query.Epoch, query.Limit, context.RequestAborted);
            return new HistoryResult(channel, page);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReadFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HistoryEndpoints).FullName!), channel, ex);
            return Problems.FromCode(ErrorCodes.Internal, "The channel's history could not be read; try again.");
        }
    }
}
