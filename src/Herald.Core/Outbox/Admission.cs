namespace Herald.Outbox;

/// <summary>What the outbox did with a message.</summary>
internal enum Admission
{
    Queued,
    Closed,
    Full,
}
