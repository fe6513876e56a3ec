using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Herald.Cli.Keys;

/// <summary><c>herald keys create|list|revoke</c>: the server's <c>/api/keys</c>, for an admin.</summary>
internal static class KeysCommand
{
    public static Command Create(GlobalOptions global, CliContext context)
    {
        var keys = new Command("keys", "Manage API keys (needs an admin credential).");
        keys.Subcommands.Add(CreateCommand(global, context));
        keys.Subcommands.Add(ListCommand(global, context));
        keys.Subcommands.Add(RevokeCommand(global, context));
        return keys;
    }

    private static Command CreateCommand(GlobalOptions global, CliContext context)
    {
        var owner = new Option<string>("--owner") { Description = "The subject the key acts as.", Required = true };
        var name = new Option<string?>("--name") { Description = "What the key is for, e.g. 'task backend'." };
        var attr = new Option<string[]>("--attr") { Description = "Attributes, comma-separated or repeated, e.g. publish.", AllowMultipleArgumentsPerToken = true };
        var maxConnections = new Option<int?>("--max-connections") { Description = "Connections allowed at once with this key." };
        var rate = new Option<int?>("--publishes-per-second") { Description = "Publish rate limit for this key." };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON answer." };
        var command = new Command("create", "Create a key; prints the key alone on stdout (it is shown only once).") { owner, name, attr, maxConnections, rate, json };
        command.SetAction(CliApp.Guard(context, async (parse, cancellationToken) =>
        {
            var body = new ArrayBufferWriter<byte>(256);
            using (var w = new Utf8JsonWriter(body))
            {
                w.WriteStartObject();
                w.WriteString("owner", parse.GetValue(owner));
                if (parse.GetValue(name) is { } n)
                {
                    w.WriteString("name", n);
                }

                w.WriteStartArray("attributes");
                foreach (var a in (parse.GetValue(attr) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    w.WriteStringValue(a);
                }

                w.WriteEndArray();
                if (parse.GetValue(maxConnections) is { } m)
                {
                    w.WriteNumber("max_connections", m);
                }

                if (parse.GetValue(rate) is { } r)
                {
                    w.WriteNumber("publishes_per_second", r);
                }

                w.WriteEndObject();
            }

            using var api = new HeraldApi(global.Resolve(parse, context), context);
            using var answer = await api.SendAsync(HttpMethod.Post, "api/keys", body.WrittenSpan.ToArray(), cancellationToken)
                ?? throw new CliException(ExitCodes.Failure, "the server answered with an empty body");
            var key = answer.RootElement;
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(key.GetRawText());
                return ExitCodes.Ok;
            }

            context.Out.WriteLine(Text(key, "key"));
            context.Status($"created key {Text(key, "id")} for {Text(key, "owner")}; it is shown only this once");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListCommand(GlobalOptions global, CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the server's JSON answer." };
        var command = new Command("list", "List keys (never the keys themselves).") { json };
        command.SetAction(CliApp.Guard(context, async (parse, cancellationToken) =>
        {
            using var api = new HeraldApi(global.Resolve(parse, context), context);
            using var answer = await api.SendAsync(HttpMethod.Get, "api/keys", null, cancellationToken)
                ?? throw new CliException(ExitCodes.Failure, "the server answered with an empty body");
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(answer.RootElement.GetRawText());
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("id", "owner", "name", "attributes", "active", "created", "last used");
            foreach (var key in answer.RootElement.GetProperty("keys").EnumerateArray())
            {
                var attributes = key.TryGetProperty("attributes", out var list) ? string.Join(",", list.EnumerateArray().Select(a => a.GetString())) : "";
                var active = key.TryGetProperty("active", out var a) && a.ValueKind == JsonValueKind.True;
                table.AddRow(
                    Markup.Escape(Text(key, "id")),
                    Markup.Escape(Text(key, "owner")),
                    Markup.Escape(Text(key, "name")),
                    Markup.Escape(attributes),
                    active ? "yes" : "[red]revoked[/]",
                    Markup.Escape(Text(key, "created_at")),
                    Markup.Escape(Text(key, "last_used_at")));
            }

            context.CreateConsole().Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RevokeCommand(GlobalOptions global, CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The key's id (from keys list), not the key." };
        var command = new Command("revoke", "Revoke a key; its connections are closed within 5 s.") { id };
        command.SetAction(CliApp.Guard(context, async (parse, cancellationToken) =>
        {
            using var api = new HeraldApi(global.Resolve(parse, context), context);
            var keyId = parse.GetValue(id)!;
            using var answer = await api.SendAsync(HttpMethod.Delete, "api/keys/" + Uri.EscapeDataString(keyId), null, cancellationToken);
            context.Out.WriteLine($"revoked {keyId}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
