using System.Text.Json;
using Herald.Channels;
using Herald.Protocol;
using Herald.Security.ApiKeys;
using Herald.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Http;

/// <summary><c>POST/GET/DELETE /api/keys</c>, for <c>admin</c>.</summary>
internal static class KeyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/keys", (Func<HttpContext, Task<IResult>>)CreateAsync)
            .WithName("CreateKey").WithSummary("Create an API key; the key is in this answer only.")
            .Accepts<CreateKeyRequest>("application/json", "application/x-www-form-urlencoded", "text/plain")
            .Produces<KeyInfo>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/keys", (Func<HttpContext, Task<IResult>>)ListAsync)
            .WithName("ListKeys").WithSummary("List API keys (never the keys themselves).")
            .Produces<KeyList>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDelete("/keys/{id}", (Func<HttpContext, string, Task<IResult>>)RevokeAsync)
            .WithName("RevokeKey").WithSummary("Revoke an API key; its connections close with 4001 within 5 s.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

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

        var service = context.RequestServices.GetRequiredService<ApiKeyService>();
        var (record, key) = await service.CreateAsync(body.Name ?? "", body.Owner, attributes, body.MaxConnections, body.PublishesPerSecond, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/keys/{record.Id}", KeyInfo.From(record, key));
    }

    private static async Task<IResult> ListAsync(HttpContext context)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

        var keys = await context.RequestServices.GetRequiredService<ApiKeyService>().Store.ListAsync(context.RequestAborted);
        return TypedResults.Ok(new KeyList([.. keys.Select(k => KeyInfo.From(k))]));
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string id)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

        if (!await context.RequestServices.GetRequiredService<ApiKeyService>().Store.RevokeAsync(id, context.RequestAborted))
        {
            return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.BadRequest, "No such key", $"There is no API key '{id}'.");
        }

        // This node at once; the revocation monitor reaches the other nodes within seconds.
        context.RequestServices.GetRequiredService<SessionRegistry>().CloseCredential(id, CloseCodes.NotAuthenticated, "API key revoked");
        return TypedResults.NoContent();
    }
}
