using System.Text.Json;

namespace Herald.Cli.Publish;

/// <summary>The <c>data</c> argument: JSON text, <c>@file</c>, or <c>@-</c> for stdin; checked locally before sending.</summary>
internal static class PublishData
{
    public static async Task<string> ReadAsync(string? argument, CliContext context, CancellationToken cancellationToken)
    {
        if (argument is null)
        {
            return "null";
        }

        var text = argument;
        if (argument.StartsWith('@'))
        {
            var path = argument[1..];
            try
            {
                text = path == "-"
                    ? await context.In.ReadToEndAsync(cancellationToken)
                    : await File.ReadAllTextAsync(Path.GetFullPath(path, context.CurrentDirectory), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Usage, $"cannot read {path}: {ex.Message}", ex);
            }
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetRawText();
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"data is not valid JSON ({ex.Message}); quote it for the shell, e.g. '{{\"status\":\"done\"}}', or pass @file", ex);
        }
    }
}
