namespace Herald.Client;

/// <summary>A client message waiting for the reply that echoes its <c>id</c>.</summary>
internal sealed class PendingReply(HeraldSubscription? subscription)
{
    /// <summary>The subscription a <c>subscribe</c> was sent for; null for <c>refresh</c>.</summary>
    public HeraldSubscription? Subscription { get; } = subscription;

    /// <summary>Null on success, else the error's (code, message).</summary>
    public TaskCompletionSource<(string Code, string Message)?> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
