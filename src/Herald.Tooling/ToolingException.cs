namespace Herald.Tooling;

/// <summary>A mistake the person at the terminal can fix; its message is printed as one line, with exit code 2.</summary>
public sealed class ToolingException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const int UsageExitCode = 2;
}
