using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: BenchmarkDotNet would otherwise generate and build a project next to src/, sharing its obj/bin
// with whoever builds src/ at the same time. Run with BenchmarkDotNet's own arguments, e.g. --filter '*'.
var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
if (args.Contains("--quick"))
{
    // A short job for smoke checks: same code paths, less statistical confidence.
    job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance);
    args = [.. args.Where(a => a != "--quick")];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.DisableOptimizationsValidator));
