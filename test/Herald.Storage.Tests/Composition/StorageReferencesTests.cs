using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Herald.Log;
using Herald.Storage.Postgres;
using Herald.Storage.Redis;
using Herald.Storage.Sqlite;

namespace Herald.Storage.Tests.Composition;

/// <summary>A store builds on Herald's engine only: installing one does not pull in the ASP.NET Core hosting layer.</summary>
public sealed class StorageReferencesTests
{
    public static TheoryData<string> Stores => [typeof(SqliteDatabase).Assembly.GetName().Name!, typeof(PostgresOptions).Assembly.GetName().Name!, typeof(RedisOptions).Assembly.GetName().Name!];

    [Theory]
    [MemberData(nameof(Stores))]
    public void A_storage_assembly_does_not_reference_Herald_AspNetCore(string store)
    {
        var assembly = Assembly.Load(store);
        assembly.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("Herald.AspNetCore");

        // The compiler drops a reference nothing uses, so also ask the dependency graph the
        // package is built from: a project reference there is a package dependency for users.
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Herald.Storage.Tests.deps.json")));
        var library = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value
            .EnumerateObject().Single(l => l.Name.StartsWith(store + "/", StringComparison.Ordinal)).Value;
        var dependencies = library.TryGetProperty("dependencies", out var d) ? d.EnumerateObject().Select(p => p.Name).ToList() : [];
        dependencies.ShouldContain("Herald.Core");
        dependencies.ShouldNotContain("Herald.AspNetCore");
    }

    // A store is written against Core's public seams (IEventLog, IEventBus, ISharedLimiter, ...), so
    // the next store can be written outside this repository: Core opens its internals to no store.
    [Theory]
    [MemberData(nameof(Stores))]
    public void Herald_Core_grants_its_internals_to_no_store(string store)
    {
        var friends = typeof(IEventLog).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        friends.ShouldNotContain(store);
    }
}
