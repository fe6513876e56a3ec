namespace Herald.LoadGen.Protocols;

/// <summary>The non-event messages the generator acts on.</summary>
internal enum ControlKind
{
    Other,
    Greeting,
    Subscribed,
    Error,
    Close,
}
