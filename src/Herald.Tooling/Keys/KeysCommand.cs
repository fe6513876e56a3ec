using System.CommandLine;

namespace Herald.Tooling.Keys;

/// <summary>
/// <c>keys create|list|revoke</c>: the one implementation behind the <c>herald</c> CLI's (over
/// <c>/api/keys</c>), the server binary's and the samples' (on their own store, offline).
/// Only results go to stdout, so <c>KEY=$(… keys create --owner svc)</c> works.
/// </summary>
public static class KeysCommand
{
    /// <summary>The attribute rule of <c>POST /api/keys</c>, so an offline key is one the API would have made.</summary>
    public const int MaxAttributeLength = 128;

    public static Command Create(KeysCommandSettings settings)
    {
        var keys = new Command("keys", settings.Description);
        keys.Subcommands.Add(CreateCommand(settings));
        keys.Subcommands.Add(ListCommand(settings));
        keys.Subcommands.Add(RevokeCommand(settings));
        foreach (var command in keys.Subcommands)
        {
            command.TreatUnmatchedTokensAsErrors = !settings.AllowUnmatchedTokens;
        }

        return keys;
    }

    private static Command CreateCommand(KeysCommandSettings settings)
    {
        var owner = new Option<string>("--owner") { Description = "The subject the key acts as.", Required = true };
        var name = new Option<string?>("--name") { Description = "What the key is for, e.g. 'task backend'." };
        var attr = new Option<string[]>("--attr") { Description = "Attributes, comma-separated or repeated, e.g. publish.", AllowMultipleArgumentsPerToken = true };
        var maxConnections = new Option<int?>("--max-connections") { Description = "Connections allowed at once with this key." };
        var rate = new Option<int?>("--publishes-per-second") { Description = "Publish rate limit for this key." };
        var json = JsonOption();
        var command = new Command("create", "Create a key; prints the key alone on stdout (it is shown only once).") { owner, name, attr, maxConnections, rate, json };
        command.SetAction(Run(settings, async (parse, open, cancellationToken) =>
        {
            var attributes = (parse.GetValue(attr) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            if (attributes.Any(a => a.Length > MaxAttributeLength))
            {
                throw new ToolingException($"--attr: attributes are at most {MaxAttributeLength} characters");
            }

            var request = new KeyRequest(
                parse.GetValue(owner)!.Trim(),
                parse.GetValue(name) ?? "",
                attributes,
                Positive(parse.GetValue(maxConnections), "--max-connections"),
                Positive(parse.GetValue(rate), "--publishes-per-second"));
            await using var keys = await open();
            var created = await keys.CreateAsync(request, cancellationToken);
            if (parse.GetValue(json))
            {
                settings.Out.WriteLine(KeyOutput.Json(created));
                return 0;
            }

            settings.Out.WriteLine(created.Key);
            settings.Error.WriteLine($"{settings.Name}: created key {created.Record.Id} for {created.Record.Owner}; it is shown only this once");
            return 0;
        }));
        return command;
    }

    private static Command ListCommand(KeysCommandSettings settings)
    {
        var json = JsonOption();
        var command = new Command("list", "List keys, one tab-separated line each (never the keys themselves).") { json };
        command.SetAction(Run(settings, async (parse, open, cancellationToken) =>
        {
            await using var keys = await open();
            var listed = await keys.ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                settings.Out.WriteLine(KeyOutput.Json(listed));
                return 0;
            }

            settings.Out.WriteLine(KeyOutput.Header);
            foreach (var key in listed)
            {
                settings.Out.WriteLine(KeyOutput.Line(key));
            }

            return 0;
        }));
        return command;
    }

    private static Command RevokeCommand(KeysCommandSettings settings)
    {
        var id = new Argument<string>("id") { Description = "The key's id (k_…, from keys list), not the key." };
        var command = new Command("revoke", "Revoke a key; a running server closes its connections with 4001 within seconds.") { id };
        foreach (var alias in settings.RevokeAliases)
        {
            command.Aliases.Add(alias);
        }

        command.SetAction(Run(settings, async (parse, open, cancellationToken) =>
        {
            var keyId = parse.GetValue(id)!;
            await using var keys = await open();
            if (!await keys.RevokeAsync(keyId, cancellationToken))
            {
                settings.Error.WriteLine($"{settings.Name}: no API key '{keyId}'");
                return 1;
            }

            settings.Out.WriteLine("revoked " + keyId);
            return 0;
        }));
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON, as /api/keys answers." };

    private static int? Positive(int? value, string option) =>
        value is <= 0 ? throw new ToolingException($"{option} must be a positive whole number") : value;

    private static Func<ParseResult, CancellationToken, Task<int>> Run(KeysCommandSettings settings, Func<ParseResult, Func<ValueTask<IKeyManager>>, CancellationToken, Task<int>> body) =>
        settings.Guard(async (parse, cancellationToken) =>
        {
            try
            {
                // Opened after the options are checked: a mistake must not create a store.
                return await body(parse, () => settings.Open(parse, cancellationToken), cancellationToken);
            }
            catch (ToolingException ex)
            {
                settings.Error.WriteLine(settings.Name + ": " + ex.Message);
                return ToolingException.UsageExitCode;
            }
        });
}
