using System.Globalization;

namespace TaskService.Realtime;

/// <summary>Room names (Herald channels): <c>job:{job_id}</c>, <c>task:{task_id}</c>, <c>user:{user_id}</c>.</summary>
public static class Rooms
{
    public const string JobNamespace = "job";
    public const string TaskNamespace = "task";
    public const string UserNamespace = "user";

    public static string Job(long jobId) => $"{JobNamespace}:{jobId.ToString(CultureInfo.InvariantCulture)}";

    public static string Task(long taskId) => $"{TaskNamespace}:{taskId.ToString(CultureInfo.InvariantCulture)}";

    public static string User(string userId) => $"{UserNamespace}:{userId}";

    /// <summary>
    /// The id of <c>job:42</c> or <c>task:42</c>: digits only, positive. <c>job:</c>, <c>job:abc</c>
    /// and <c>job:-1</c> name no job, so no one owns them.
    /// </summary>
    public static bool TryParseId(string room, string ns, out long id)
    {
        id = 0;
        return room.Length > ns.Length + 1
            && room.StartsWith(ns, StringComparison.Ordinal)
            && room[ns.Length] == ':'
            && long.TryParse(room.AsSpan(ns.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
