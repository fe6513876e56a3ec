using Microsoft.EntityFrameworkCore;
using TaskService.Data;

namespace TaskService.Jobs;

/// <summary>Jobs are only created here; their tasks' changes are what the rooms announce.</summary>
public sealed class JobRepository(IDbContextFactory<TaskDbContext> factory, TimeProvider time)
{
    public async ValueTask<JobView> CreateAsync(string owner, string? name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var job = new JobEntity { UserId = owner, Name = name, CreatedAt = time.GetUtcNow() };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return JobView.From(job);
    }
}
