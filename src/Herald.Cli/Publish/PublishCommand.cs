using System.Buffers;
using System.CommandLine;
using System.Text.Json;

namespace Herald.Cli.Publish;

/// <summary><c>herald publish &lt;channel&gt; &lt;event&gt; [json|@file]</c>: <c>POST /api/publish</c>.</summary>
internal static class PublishCommand
{
    public static Command Create(GlobalOptions global, CliContext context)
    {
        var channel = new Argument<string>("channel") { Description = "The channel, e.g. job:42." };
        var name = new Argument<string>("event") { Description = "The event name, e.g. TASK_CREATED." };
        var data = new Argument<string?>("data") { Description = "JSON, @file, or @- for stdin. Default: null.", Arity = ArgumentArity.ZeroOrOne };
        var key = new Option<string?>("--key") { Description = "The entity the event is about; the server keeps its latest event for snapshots." };
        var tombstone = new Option<bool>("--tombstone") { Description = "The event deletes --key from the latest state." };
        var idempotency = new Option<string?>("--idempotency-key") { Description = "Publish at most once per value within 24 h: a retry returns the first result." };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON answer instead of a sentence." };
        var command = new Command("publish", "Publish one event; returns once it is durable.") { channel, name, data, key, tombstone, idempotency, json };
        command.SetAction(CliApp.Guard(context, async (parse, cancellationToken) =>
        {
            var server = global.Resolve(parse, context);
            var payload = await PublishData.ReadAsync(parse.GetValue(data), context, cancellationToken);
            if (parse.GetValue(tombstone) && parse.GetValue(key) is null)
            {
                throw new CliException(ExitCodes.Usage, "--tombstone needs --key: it deletes that key");
            }

            var body = Body(parse.GetValue(channel)!, parse.GetValue(name)!, payload, parse.GetValue(key), parse.GetValue(tombstone), parse.GetValue(idempotency));
            using var api = new HeraldApi(server, context);
            using var answer = await api.SendAsync(HttpMethod.Post, "api/publish", body, cancellationToken)
                ?? throw new CliException(ExitCodes.Failure, "the server answered the publish with an empty body");
            var result = answer.RootElement;
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(result.GetRawText());
            }
            else
            {
                context.Out.WriteLine($"published {parse.GetValue(name)} to {result.GetProperty("channel").GetString()} at {result.GetProperty("epoch").GetString()}:{result.GetProperty("offset").GetInt64()}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static byte[] Body(string channel, string name, string data, string? key, bool tombstone, string? idempotencyKey)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("channel", channel);
            w.WriteString("event", name);
            w.WritePropertyName("data");
            w.WriteRawValue(data);
            if (key is not null)
            {
                w.WriteString("key", key);
            }

            if (tombstone)
            {
                w.WriteBoolean("tombstone", true);
            }

            if (idempotencyKey is not null)
            {
                w.WriteString("idempotency_key", idempotencyKey);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
