using System.CommandLine;
using Herald.LoadGen.Cli;

// Herald's benchmark harness: `run <scenario>` drives Herald and its peers; `selftest` checks the harness itself.
var root = new RootCommand("Herald load generator and benchmark orchestrator")
{
    RunCommand.Create(),
    SelfTestCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
