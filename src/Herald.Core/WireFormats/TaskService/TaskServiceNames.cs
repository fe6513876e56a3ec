using System.Text.Json;
using Herald.Protocol;

namespace Herald.WireFormats.TaskService;

/// <summary>The task service's message types, field names and error codes (seed 003).</summary>
internal static class TaskServiceNames
{
    public const string Subscribe = "SUBSCRIBE";
    public const string Unsubscribe = "UNSUBSCRIBE";
    public const string Ping = "PING";

    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText Room = JsonEncodedText.Encode("room");
    public static readonly JsonEncodedText Since = JsonEncodedText.Encode("since");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("ERROR");
    public static readonly JsonEncodedText PongType = JsonEncodedText.Encode("PONG");
    public static readonly JsonEncodedText SubscribedType = JsonEncodedText.Encode("SUBSCRIBED");
    public static readonly JsonEncodedText UnsubscribedType = JsonEncodedText.Encode("UNSUBSCRIBED");

    public const string MissingApiKey = "MISSING_API_KEY";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string AuthenticationFailed = "AUTHENTICATION_FAILED";
    public const string InvalidRoom = "INVALID_ROOM";

    /// <summary>Herald's code as the service's clients know it; codes the seed does not name pass through.</summary>
    public static string CodeFor(string heraldCode) => heraldCode switch
    {
        ErrorCodes.MissingCredentials => MissingApiKey,
        ErrorCodes.InvalidCredentials => InvalidApiKey,
        ErrorCodes.TokenExpired => AuthenticationFailed,
        ErrorCodes.InvalidChannel => InvalidRoom,
        _ => heraldCode,
    };
}
