using Herald.Bench.SignalRPeer;

// An ASP.NET Core SignalR hub broadcasting to groups: the peer a .NET team would otherwise pick.
// Clients call Subscribe(channel) to join the channel's group; POST /publish sends to the group.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();
builder.Services.AddSingleton<ChannelOffsets>();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);

var app = builder.Build();
app.UseWebSockets();
app.MapHub<BroadcastHub>("/hub");
app.MapPublishEndpoints();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();
