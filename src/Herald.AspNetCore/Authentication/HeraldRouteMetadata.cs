namespace Herald.AspNetCore.Authentication;

/// <summary>Marks a route behind a Herald policy: the only routes the Herald scheme reads credentials on.</summary>
internal sealed class HeraldRouteMetadata
{
    public static HeraldRouteMetadata Instance { get; } = new();
}
