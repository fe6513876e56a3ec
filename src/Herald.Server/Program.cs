using Herald.Server;
using Herald.Server.Commands;
using Microsoft.Extensions.Options;

// `token` (and later `keys`) are admin commands; anything else starts the server.
if (args.Length > 0 && CliCommands.Names.Contains(args[0]))
{
    return await CliCommands.RunAsync(args);
}

try
{
    var app = HeraldServerApp.Create(args);
    await app.RunAsync();
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
