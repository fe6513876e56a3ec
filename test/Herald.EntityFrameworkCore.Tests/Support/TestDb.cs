using Microsoft.EntityFrameworkCore;

namespace Herald.EntityFrameworkCore.Tests.Support;

public sealed class TestDb(DbContextOptions<TestDb> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<Gadget> Gadgets => Set<Gadget>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Stray> Strays => Set<Stray>();

    // No DbSet<HeraldOutboxMessage> on purpose: AddHeraldPublishing must bring it into the model.
}
