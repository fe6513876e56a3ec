namespace Herald.Testing;

/// <summary>How a child process ended and what it wrote to each stream.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
