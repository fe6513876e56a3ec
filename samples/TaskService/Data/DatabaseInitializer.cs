using Microsoft.EntityFrameworkCore;

namespace TaskService.Data;

/// <summary>Brings the schema up before the server accepts requests (hosted services start before Kestrel).</summary>
internal sealed class DatabaseInitializer(IDbContextFactory<TaskDbContext> factory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => TaskDatabase.InitializeAsync(factory, cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
