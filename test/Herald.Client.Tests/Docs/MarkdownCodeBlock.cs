namespace Herald.Client.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown page. <paramref name="Marker"/> is the name of the
/// <c>&lt;!-- snippet: NAME --&gt;</c> comment on the line before the fence, if any.
/// </summary>
public sealed record MarkdownCodeBlock(string File, int Line, string Language, string? Marker, string Code)
{
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    public override string ToString() => $"{File}:{Line} ({Language}{(Marker is null ? "" : ", snippet " + Marker)})";

    /// <summary>The pages whose code a reader copies: the README, docs/, and the READMEs of src/, samples/ and clients/.</summary>
    public static IEnumerable<string> Pages()
    {
        yield return "README.md";
        foreach (var page in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories))
        {
            yield return Path.GetRelativePath(RepoPaths.Root, page);
        }

        foreach (var folder in new[] { "src", "samples", "clients" })
        {
            foreach (var project in Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, folder)))
            {
                if (System.IO.File.Exists(Path.Combine(project, "README.md")))
                {
                    yield return Path.GetRelativePath(RepoPaths.Root, Path.Combine(project, "README.md"));
                }
            }
        }
    }

    public static IEnumerable<MarkdownCodeBlock> Read(string page)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(RepoPaths.Root, page));
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var language = lines[i][3..].Trim();
            var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new InvalidDataException($"{page}:{start + 1}: a code block is never closed");
            }

            var before = start > 0 ? lines[start - 1].Trim() : "";
            var marker = before.StartsWith("<!-- snippet:", StringComparison.Ordinal) && before.EndsWith("-->", StringComparison.Ordinal)
                ? before["<!-- snippet:".Length..^"-->".Length].Trim()
                : null;
            yield return new MarkdownCodeBlock(page, start + 1, language, marker, string.Join('\n', lines[(start + 1)..end]));
            i = end;
        }
    }
}
