namespace Herald.Client;

/// <summary>The client stopped for good (4003, 4400, 4001 with no new credential, or the provider gave none).</summary>
public sealed class HeraldStoppedException(HeraldStopReason reason)
    : HeraldException(reason.ErrorCode, reason.Message)
{
    public HeraldStopReason Reason { get; } = reason;
}
