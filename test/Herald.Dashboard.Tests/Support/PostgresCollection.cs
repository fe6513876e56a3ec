namespace Herald.Dashboard.Tests.Support;

/// <summary>One PostgreSQL for the dashboard's node tests. xunit binds a collection to the assembly that defines it, so each test project declares its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
