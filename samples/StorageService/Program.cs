using StorageService.Hosting;

if (args.Length > 0 && args[0] == TokenCommand.Name)
{
    return TokenCommand.Run(args);
}

var app = StorageApp.Create(args);
await app.RunAsync();
return 0;
