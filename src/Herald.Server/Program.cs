using Herald.Server;
using Herald.Server.Commands;

// `token` (and later `keys`) are admin commands; anything else starts the server.
if (args.Length > 0 && CliCommands.Names.Contains(args[0]))
{
    return await CliCommands.RunAsync(args);
}

var app = HeraldServerApp.Create(args);
await app.RunAsync();
return 0;
