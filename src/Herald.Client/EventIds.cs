namespace Herald.Client;

/// <summary>Herald.Client logs with ids 800-899 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 800;
    internal const int MaxId = 899;

    // Connection
    internal const int Connected = 801;
    internal const int ConnectFailed = 802;
    internal const int Closed = 803;
    internal const int Stopped = 804;

    // Token refresh
    internal const int Refreshed = 805;
    internal const int RefreshRefused = 806;
    internal const int NothingToRefresh = 807;
    internal const int RefreshFailed = 811;

    // Subscriptions
    internal const int SubscribeRefused = 808;
    internal const int SubscriptionTakenAway = 809;
    internal const int HistoryGap = 810;

    // The application's StateChanged handlers
    internal const int HandlerFailed = 812;
}
