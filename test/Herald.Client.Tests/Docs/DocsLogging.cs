using Herald.Client;
using Microsoft.Extensions.Logging;

namespace Herald.Client.Tests.Docs;

/// <summary>The guide's logging helper, a [LoggerMessage] as the guide recommends.</summary>
public static partial class DocsLogging
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Herald is {State} (close {CloseCode}, retry in {RetryIn})")]
    public static partial void LogHeraldState(this ILogger logger, ConnectionState state, int? closeCode, TimeSpan? retryIn);
}
