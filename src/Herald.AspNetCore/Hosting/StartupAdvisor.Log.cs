using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Hosting;

internal sealed partial class StartupAdvisor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.NoCredential, Level = LogLevel.Warning, EventName = "NoCredential",
            Message = "Herald has no way to accept a credential: no JWT key (Herald:Jwt:Secret, at least 32 bytes, or Herald:Jwt:PublicKey / PublicKeyFile) and no API key in the store, so every connection and API call gets 401/4001. Set Herald__Jwt__Secret, or create an API key with ApiKeyService.CreateAsync.")]
        public static partial void NoCredential(ILogger logger);

        [LoggerMessage(EventId = EventIds.NoNamespace, Level = LogLevel.Warning, EventName = "NoNamespace",
            Message = "Herald has no namespace configured, so every subscribe and publish is INVALID_CHANNEL. Configure one under Herald:Namespaces (e.g. Herald__Namespaces__public__HistorySize=1000 makes public:* usable by any signed-in user) or set Herald:DefaultNamespace.")]
        public static partial void NoNamespace(ILogger logger);
    }
}
