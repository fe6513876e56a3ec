namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// One try at reading announced events back. A try that outlived its deadline is abandoned, not
/// cancelled (cancelling a command on a silent connection blocks on the cancel request), and an
/// abandoned try hands nothing to the hub even if its read finishes later: its retry does.
/// </summary>
internal sealed class ReadBackAttempt
{
    private readonly Lock _lock = new();
    private bool _abandoned;

    public void Abandon()
    {
        lock (_lock)
        {
            _abandoned = true;
        }
    }

    /// <summary>Runs <paramref name="deliver"/> unless abandoned; an abandon waits for a delivery under way.</summary>
    public void DeliverUnlessAbandoned(Action deliver)
    {
        lock (_lock)
        {
            if (!_abandoned)
            {
                deliver();
            }
        }
    }
}
