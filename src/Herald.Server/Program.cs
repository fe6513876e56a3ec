using Herald.Server;
using Herald.Server.Commands;
using Herald.Server.Startup;
using Microsoft.Extensions.Options;

// `token` and `keys` are admin commands and `--help` describes them and the settings; anything else starts the server.
if (CliCommands.Handles(args))
{
    return await CliCommands.RunAsync(args);
}

try
{
    var logFilter = new StartupLogFilter();
    await using var app = HeraldServerApp.Create(args, logFilter.Apply);
    logFilter.Watch(app);
    try
    {
        await app.StartAsync();
    }
    catch (IOException ex) when (ListenFailure.Describe(ex, app.Urls) is { } line)
    {
        Console.Error.WriteLine(line);
        logFilter.Failed();

        // Stopped, not just disposed: the background services that did start end on their stopping token.
        await app.StopAsync();
        return 3;
    }

    await app.WaitForShutdownAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A configuration mistake is the operator's to fix: say what, not where in our code.
    Console.Error.WriteLine("herald: the configuration is not valid:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine("  " + failure);
    }

    return 2;
}
