using Microsoft.EntityFrameworkCore.Storage;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>What one context is in the middle of: the save being captured and its transaction.</summary>
internal sealed class CaptureState
{
    public List<PendingChange> Pending { get; } = [];

    /// <summary>The transaction the interceptor began because the save had none; it commits it.</summary>
    public IDbContextTransaction? OwnedTransaction { get; set; }

    /// <summary>Rows were written inside the application's transaction: wake the relay when it commits.</summary>
    public bool AwaitingCommit { get; set; }
}
