using Herald.EntityFrameworkCore.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>
/// Reaches the application's services from inside EF (the relay's wake-up, the clock). Looked
/// up per event rather than captured: options may be built before the application's provider.
/// </summary>
internal static class ApplicationServices
{
    public static IServiceProvider? Of(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;

    public static TimeProvider Clock(DbContext context) => Of(context)?.GetService<TimeProvider>() ?? TimeProvider.System;

    public static void WakeRelay(DbContext context) => Of(context)?.GetService<OutboxSignal>()?.Wake(context.GetType());
}
