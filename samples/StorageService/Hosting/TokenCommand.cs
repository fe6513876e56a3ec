using Herald.AspNetCore.Authentication;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace StorageService.Hosting;

/// <summary>
/// <c>token --sub alice --attr storage:aips:list,storage:aips:read [--ttl 3600]</c>: prints a JWT
/// signed with the sample's secret, for the dashboard's sign-in and for curl.
/// </summary>
internal static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args)
    {
        string? subject = null;
        var attributes = new List<string>();
        var ttl = 8 * 3600;
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--sub":
                    subject = args[i + 1];
                    break;
                case "--attr":
                    attributes.AddRange(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--ttl":
                    ttl = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (subject is null)
        {
            Console.Error.WriteLine("usage: token --sub <user> [--attr a,b,c] [--ttl seconds]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        DevSecret.Ensure(builder.Configuration, StorageSettings.DataDirectory(builder.Configuration));
        var options = builder.Configuration.GetSection("Herald").Get<HeraldOptions>() ?? new HeraldOptions();
        var issuer = new DevTokenIssuer(Options.Create(options), TimeProvider.System);
        Console.WriteLine(issuer.Issue(subject, attributes, TimeSpan.FromSeconds(ttl)));
        return 0;
    }
}
