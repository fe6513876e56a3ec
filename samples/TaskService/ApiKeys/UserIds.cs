using System.Buffers;

namespace TaskService.ApiKeys;

/// <summary>
/// User ids become room names (<c>user:{id}</c>) and so must fit Herald's channel character set;
/// ':' is left out so that a user id can never look like another room.
/// </summary>
public static class UserIds
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.@=-");

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAnyExcept(Allowed);
}
