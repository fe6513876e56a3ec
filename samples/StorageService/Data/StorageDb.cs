using Microsoft.EntityFrameworkCore;

namespace StorageService.Data;

public sealed class StorageDb(DbContextOptions<StorageDb> options) : DbContext(options)
{
    public DbSet<Location> Locations => Set<Location>();

    public DbSet<Aip> Aips => Set<Aip>();

    public DbSet<Workflow> Workflows => Set<Workflow>();

    public DbSet<AipTask> Tasks => Set<AipTask>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: read times back as the UTC they were written as.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Location>(e =>
        {
            e.HasKey(l => l.Uuid);
            e.Property(l => l.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<Aip>(e =>
        {
            e.HasKey(a => a.Uuid);
            e.Property(a => a.Name).HasMaxLength(200);
            e.HasOne(a => a.Location).WithMany().HasForeignKey(a => a.LocationUuid).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(a => a.Workflows).WithOne().HasForeignKey(w => w.AipUuid);
            e.HasIndex(a => a.CreatedAt);
        });
        modelBuilder.Entity<Workflow>(e =>
        {
            e.HasKey(w => w.Uuid);
            e.HasMany(w => w.Tasks).WithOne().HasForeignKey(t => t.WorkflowUuid);
        });
        modelBuilder.Entity<AipTask>(e =>
        {
            e.ToTable("Tasks");
            e.HasKey(t => t.Uuid);
        });
    }
}
