using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Herald.AspNetCore.Authentication;
using Herald.Protocol;
using Herald.Security;
using Herald.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Herald.AspNetCore.Http;

/// <summary>The HTTP way in for events: <c>POST /api/publish</c> and <c>/api/publish/batch</c>.</summary>
internal static class PublishEndpoints
{
    private const int MaxBatch = 1000;

    // The body is JSON whatever the label: `curl -d` labels it a form, some clients text/plain.
    private static readonly string[] JsonLike = ["application/json", "application/x-www-form-urlencoded", "text/plain"];

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/publish", PublishAsync)
            .RequireHerald(HeraldPolicies.Authenticated)
            .WithName("Publish")
            .WithSummary("Publish one event; answers once it is durable.")
            .Accepts<PublishMessage>(JsonLike[0], JsonLike[1..])
            .Produces<PublishResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/publish/batch", PublishBatchAsync)
            .RequireHerald(HeraldPolicies.Authenticated)
            .WithName("PublishBatch")
            .WithSummary("Publish several events in order; all or none.")
            .Accepts<PublishBatch>(JsonLike[0], JsonLike[1..])
            .Produces<PublishBatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> PublishAsync(HttpContext context, ClaimsPrincipal user, [FromServices] PublishServices services)
    {
        var principal = HeraldIdentity.Of(user);
        var (document, problem) = await PublishBodyReader.ReadAsync(context, services.BodyLimit(1));
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (!PublishBodyReader.TryMap(document!.RootElement, out var request, out var error))
            {
                return Problems.FromCode(ErrorCodes.BadRequest, error);
            }

            if (Forbidden(services.Access, principal, request!, index: null) is { } denied)
            {
                return denied;
            }

            if (await RateLimitedAsync(context, services.Limiter, principal, 1) is { } limited)
            {
                return limited;
            }

            try
            {
                return new PublishAck(await services.Publisher.PublishAsync(request!, context.RequestAborted));
            }
            catch (PublishException ex)
            {
                return Problems.FromCode(ex.Code, ex.Message);
            }
        }
    }

    private static async Task<IResult> PublishBatchAsync(HttpContext context, ClaimsPrincipal user, [FromServices] PublishServices services)
    {
        var principal = HeraldIdentity.Of(user);
        var (document, problem) = await PublishBodyReader.ReadAsync(context, services.BodyLimit(MaxBatch));
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("messages", out var messages)
                || messages.ValueKind != JsonValueKind.Array)
            {
                return Problems.FromCode(ErrorCodes.BadRequest, "The body must be {\"messages\": [...]}.");
            }

            if (messages.GetArrayLength() > MaxBatch)
            {
                return Problems.FromCode(ErrorCodes.MessageTooLarge, $"A batch holds at most {MaxBatch} messages.");
            }

            var requests = new List<PublishRequest>();
            foreach (var element in messages.EnumerateArray())
            {
                if (!PublishBodyReader.TryMap(element, out var request, out var error))
                {
                    return Problems.FromCode(ErrorCodes.BadRequest, $"messages[{requests.Count}]: {error}");
                }

                if (Forbidden(services.Access, principal, request!, requests.Count) is { } denied)
                {
                    return denied;
                }

                requests.Add(request!);
            }

            if (await RateLimitedAsync(context, services.Limiter, principal, requests.Count) is { } limited)
            {
                return limited;
            }

            try
            {
                var results = await services.Publisher.PublishBatchAsync(requests, context.RequestAborted);
                return TypedResults.Ok(new PublishBatchResponse([.. results.Select(r => new PublishResponse(r.Channel, r.Epoch, r.Offset))]));
            }
            catch (PublishException ex)
            {
                return Problems.FromCode(ex.Code, ex.Index is { } i ? $"messages[{i}]: {ex.Message}" : ex.Message);
            }
        }
    }

    /// <summary>The namespace's publish rule; a bad name or unknown namespace is left to the validator's INVALID_CHANNEL.</summary>
    private static IResult? Forbidden(ChannelAccess access, HeraldPrincipal principal, PublishRequest request, int? index)
    {
        var verdict = access.CheckPublish(principal, request.Channel);
        if (verdict.Refusal != ChannelRefusal.Denied)
        {
            return null;
        }

        var where = index is { } i ? $"messages[{i}]: " : "";
        return Problems.FromCode(ErrorCodes.AccessDenied, $"{where}Publishing to '{request.Channel}' needs: {verdict.Policy!.PublishRequirement}.");
    }

    private static async ValueTask<IResult?> RateLimitedAsync(HttpContext context, PublishRateLimiter limiter, HeraldPrincipal principal, int messages)
    {
        using var lease = await limiter.AcquireAsync(principal, messages, context.RequestAborted);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.FromCode(ErrorCodes.RateLimitExceeded, $"At most {principal.PublishesPerSecond?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the configured number of"} publishes per second with this credential.");
    }
}
