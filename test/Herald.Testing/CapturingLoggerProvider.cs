using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Herald.Testing;

/// <summary>Keeps every log entry an application writes, at every level, for a test to read.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    /// <summary>Each entry as one line: <c>Level category[event id]: message exception</c>.</summary>
    public IEnumerable<string> Lines => Entries.Select(e => $"{e.Level} {e.Category}[{e.EventId.Id}]: {e.Message} {e.Exception}");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
