using TaskService;
using TaskService.Cli;

// `seed` and `keys` work on the database offline; anything else starts the service.
if (args.Length > 0 && TaskServiceCli.Handles(args[0]))
{
    return await TaskServiceCli.RunAsync(args, Console.Out, Console.Error);
}

await TaskServiceApp.Create(args).RunAsync();
return 0;
