using Herald.Channels;
using Herald.Security;
using Microsoft.EntityFrameworkCore;
using TaskService.Data;

namespace TaskService.Realtime;

/// <summary>
/// Ownership for <c>job:</c> and <c>task:</c> rooms, asked of the database at subscribe time. Herald
/// runs it after the namespace rules (which already keep <c>user:</c> to <c>user:{sub}</c>), and
/// answers <c>ACCESS_DENIED</c> on false. A room that names no job or task, such as <c>job:</c> or
/// <c>job:abc</c>, is owned by no one and so is denied too; names that are not channel names at
/// all (<c>job:abc def</c>) or of an unknown kind (<c>room:1</c>) never get here: Herald answers
/// them with <c>INVALID_CHANNEL</c>.
/// </summary>
internal sealed class TaskRoomAuthorizer(IDbContextFactory<TaskDbContext> factory) : IChannelAuthorizer
{
    public async ValueTask<bool> CanSubscribeAsync(HeraldPrincipal principal, string channel, CancellationToken cancellationToken)
    {
        var ns = ChannelName.NamespaceOf(channel).ToString();
        if (ns == Rooms.JobNamespace)
        {
            if (!Rooms.TryParseId(channel, Rooms.JobNamespace, out var jobId))
            {
                return false;
            }

            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await db.Jobs.AnyAsync(j => j.JobId == jobId && j.UserId == principal.Subject, cancellationToken);
        }

        if (ns == Rooms.TaskNamespace)
        {
            if (!Rooms.TryParseId(channel, Rooms.TaskNamespace, out var taskId))
            {
                return false;
            }

            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await db.Tasks.AnyAsync(t => t.TaskId == taskId && t.UserId == principal.Subject, cancellationToken);
        }

        // user: rooms are settled by the namespace's "user:{sub}" rule.
        return true;
    }
}
