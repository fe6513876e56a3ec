using Microsoft.EntityFrameworkCore;
using TaskService.ApiKeys;
using TaskService.Jobs;
using TaskService.Tasks;

namespace TaskService.Data;

/// <summary>The sample's own database: tasks, jobs and API keys, with snake_case names as in PRODUCT.md 4.2.</summary>
public sealed class TaskDbContext(DbContextOptions<TaskDbContext> options) : DbContext(options)
{
    public DbSet<TaskEntity> Tasks => Set<TaskEntity>();

    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JobEntity>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.JobId);
            job.HasIndex(j => j.UserId);
            job.Property(j => j.UserId).HasMaxLength(UserIds.MaxLength);
            job.Property(j => j.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<TaskEntity>(task =>
        {
            task.ToTable("tasks");
            task.HasKey(t => t.TaskId);
            task.HasOne<JobEntity>().WithMany().HasForeignKey(t => t.JobId);
            task.HasIndex(t => t.UserId);

            // The background job looks for unfinished tasks on every tick.
            task.HasIndex(t => t.Status);
            task.Property(t => t.UserId).HasMaxLength(UserIds.MaxLength);
            task.Property(t => t.Status).HasMaxLength(32);
        });

        modelBuilder.Entity<ApiKeyEntity>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.HasIndex(k => k.Owner);
        });

        SnakeCaseColumns.Apply(modelBuilder);
    }
}
