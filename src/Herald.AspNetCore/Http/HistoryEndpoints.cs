using System.ComponentModel;
using System.Security.Claims;
using Herald.AspNetCore.Authentication;
using Herald.History;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Http;

/// <summary><c>GET /api/channels/{channel}/history</c>: a channel's retained events, for whoever may subscribe to it.</summary>
internal static partial class HistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/channels/{channel}/history", HistoryAsync)
            .RequireHerald(HeraldPolicies.Authenticated)
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
        ClaimsPrincipal user,
        [FromServices] ChannelAccess access,
        [FromServices] ChannelHistory history,
        [FromServices] ILoggerFactory loggers,
        [Description("The channel, e.g. job:123.")] string channel,
        [Description("The offset to start after (a `next.offset`); omitted: the oldest retained event.")] string? since,
        [Description("The epoch `since` belongs to (a `next.epoch`); omitted: the current one.")] string? epoch,
        [Description("Visible events per page, 1-1000; default 100.")] string? limit,
        CancellationToken aborted)
    {
        if (!HistoryQuery.TryParse(since, epoch, limit, out var query, out var error))
        {
            return Problems.FromCode(ErrorCodes.BadRequest, error);
        }

        var principal = HeraldIdentity.Of(user);
        var verdict = await access.CheckSubscribeAsync(principal, channel, aborted);
        if (verdict.Refusal == ChannelRefusal.Denied)
        {
            return Problems.FromCode(ErrorCodes.AccessDenied, $"Not allowed to subscribe to '{channel}', so not to read its history.");
        }

        if (!verdict.Allowed)
        {
            return Problems.FromCode(verdict.ErrorCode!, verdict.Message!);
        }

        try
        {
            var page = await history.ReadAsync(channel, verdict.Policy!, principal.Permissions, query.Since, query.Epoch, query.Limit, aborted);
            return new HistoryResult(channel, page);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReadFailed(loggers.CreateLogger(typeof(HistoryEndpoints).FullName!), channel, ex);
            return Problems.FromCode(ErrorCodes.Internal, "The channel's history could not be read; try again.");
        }
    }
}
