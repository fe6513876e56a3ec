using Herald.Cli;

return await CliApp.RunAsync(args, CliContext.FromConsole());
