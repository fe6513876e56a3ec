using System.Text.Json;
using Herald.AspNetCore.Authentication;
using Herald.Channels;
using Herald.Protocol;
using Herald.Security.ApiKeys;
using Herald.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Herald.AspNetCore.Http;

/// <summary><c>POST/GET/DELETE /api/keys</c>, for <c>admin</c>.</summary>
internal static class KeyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/keys", CreateAsync)
            .RequireHerald(HeraldPolicies.Admin)
            .WithName("CreateKey").WithSummary("Create an API key; the key is in this answer only.")
            .Accepts<CreateKeyRequest>("application/json", "application/x-www-form-urlencoded", "text/plain")
            .Produces<KeyInfo>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/keys", ListAsync)
            .RequireHerald(HeraldPolicies.Admin)
            .WithName("ListKeys").WithSummary("List API keys (never the keys themselves).")
            .Produces<KeyList>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/keys/{id}", RevokeAsync)
            .RequireHerald(HeraldPolicies.Admin)
            .WithName("RevokeKey").WithSummary("Revoke an API key; its connections close with 4001 within 5 s.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] ApiKeyService service)
    {
        CreateKeyRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateKeyRequest>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Problems.FromCode(ErrorCodes.BadRequest, "The body is not valid: " + ex.Message);
        }

        if (body is null || string.IsNullOrWhiteSpace(body.Owner) || !ChannelName.IsValidKey(body.Owner))
        {
            return Problems.FromCode(ErrorCodes.BadRequest, "Field 'owner' is required: the subject the key acts as.");
        }

        if (body.MaxConnections is <= 0 || body.PublishesPerSecond is <= 0)
        {
            return Problems.FromCode(ErrorCodes.BadRequest, "Limits must be positive.");
        }

        var attributes = body.Attributes ?? [];
        if (attributes.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > 128))
        {
            return Problems.FromCode(ErrorCodes.BadRequest, "Attributes are non-empty strings of at most 128 characters.");
        }

        var (record, key) = await service.CreateAsync(body.Name ?? "", body.Owner, attributes, body.MaxConnections, body.PublishesPerSecond, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/keys/{record.Id}", KeyInfo.From(record, key));
    }

    private static async Task<IResult> ListAsync([FromServices] ApiKeyService service, CancellationToken aborted)
    {
        var keys = await service.Store.ListAsync(aborted);
        return TypedResults.Ok(new KeyList([.. keys.Select(k => KeyInfo.From(k))]));
    }

    private static async Task<IResult> RevokeAsync(string id, [FromServices] ApiKeyService service, [FromServices] SessionRegistry sessions, CancellationToken aborted)
    {
        if (!await service.Store.RevokeAsync(id, aborted))
        {
            return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.BadRequest, "No such key", $"There is no API key '{id}'.");
        }

        // This node at once; the revocation monitor reaches the other nodes within seconds.
        sessions.CloseCredential(id, CloseCodes.NotAuthenticated, "API key revoked");
        return TypedResults.NoContent();
    }
}
