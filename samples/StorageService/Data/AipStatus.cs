namespace StorageService.Data;

public static class AipStatus
{
    public const string Unspecified = "unspecified";
    public const string InReview = "in_review";
    public const string Rejected = "rejected";
    public const string Stored = "stored";
    public const string Moving = "moving";
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Deleted = "deleted";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Unspecified, InReview, Rejected, Stored, Moving, Pending, Processing, Deleted,
    };
}
