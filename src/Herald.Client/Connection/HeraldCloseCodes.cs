namespace Herald.Client;

/// <summary>The close codes of the protocol (PROTOCOL.md §7), and 1006 for a connection that vanished.</summary>
public static class HeraldCloseCodes
{
    public const int Normal = 1000;
    public const int GoingAway = 1001;
    public const int Abnormal = 1006;
    public const int MessageTooBig = 1009;
    public const int ServerError = 1011;
    public const int HeartbeatTimeout = 4000;
    public const int NotAuthenticated = 4001;
    public const int Forbidden = 4003;
    public const int SlowConsumer = 4008;
    public const int RateLimited = 4029;
    public const int TooManyErrors = 4400;
}
