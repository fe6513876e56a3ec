using System.Text;

namespace Herald.Client.Tests.Support;

/// <summary>A thread-safe writer that keeps complete lines, so a test can wait for the one it expects.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Add(_partial.ToString().TrimEnd('\r'));
                _partial.Clear();
            }
            else
            {
                _partial.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public Task WaitForAsync(Func<string, bool> predicate, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Lines.Any(predicate), what + " (so far: " + Text + ")", timeout);
}
