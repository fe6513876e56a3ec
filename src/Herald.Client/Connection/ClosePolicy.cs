namespace Herald.Client;

/// <summary>The protocol's "client should" column (PROTOCOL.md §7) as a decision.</summary>
internal static class ClosePolicy
{
    public static CloseAction For(int closeCode) => closeCode switch
    {
        HeraldCloseCodes.Normal or HeraldCloseCodes.MessageTooBig or HeraldCloseCodes.Forbidden or HeraldCloseCodes.TooManyErrors => CloseAction.Stop,
        HeraldCloseCodes.GoingAway => CloseAction.ReconnectNow,
        HeraldCloseCodes.NotAuthenticated => CloseAction.RenewCredentials,

        // 1006 (vanished), 1011, 4000, 4008, 4029, a failed upgrade, and codes this client does not know.
        _ => CloseAction.Reconnect,
    };
}
