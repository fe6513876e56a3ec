namespace Herald.Transport;

internal enum TransportReadKind
{
    /// <summary>A complete text message within the size limit.</summary>
    Message,

    /// <summary>A message over the limit: its bytes were not kept.</summary>
    TooLarge,

    /// <summary>A binary message, which the protocol does not allow.</summary>
    Binary,

    /// <summary>The peer closed, with <see cref="TransportRead.CloseCode"/>.</summary>
    Closed,

    /// <summary>The connection failed or was aborted without a close.</summary>
    Lost,
}
