using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>Per-context capture state, without holding contexts alive (pooled contexts come back to it).</summary>
internal sealed class CaptureRegistry
{
    private readonly ConditionalWeakTable<DbContext, CaptureState> _states = [];

    public CaptureState For(DbContext context) => _states.GetOrCreateValue(context);

    public CaptureState? Find(DbContext context) => _states.TryGetValue(context, out var state) ? state : null;
}
