using FlashRnn.Bench.Cli;
using FlashRnn.Bench.Info;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("FlashRnn.Bench");
    config.AddCommand<InfoCommand>("info")
        .WithDescription("Show the CUDA devices and how the runtime found the CUDA driver and NVRTC (paths, versions).")
        .WithExample("info")
        .WithExample("info", "--check");
    config.AddCommand<RunCommand>("run")
        .WithDescription("Time the cells on the GPU (each configuration checked against the float64 CPU reference first), optionally against cuDNN in the same run; write results.json, results.md and PNG plots.")
        .WithExample("run", "--quick", "--baselines", "--out", "bench-out")
        .WithExample("run", "--cells", "lstm,gru", "--layouts", "12x64,1x768", "--batches", "2..256", "--modes", "fw")
        .WithExample("run", "--preset", "default", "--list");
    config.AddCommand<PlotCommand>("plot")
        .WithDescription("Draw the PNG plots of a results.json again (for instance from a GPU run's output).")
        .WithExample("plot", "bench-out/results.json");
    config.AddCommand<CompileTimeCommand>("compile-time")
        .WithDescription("First call of a configuration in a fresh process with an empty kernel cache, then with the warm disk cache.")
        .WithExample("compile-time")
        .WithExample("compile-time", "--layout", "1x768", "--mode", "fw");
    config.AddCommand<PlansCommand>("plans")
        .WithDescription("Time the fused kernel of one configuration with every candidate tiling next to ConstrINT's choice (to check the planner's latency model).")
        .WithExample("plans", "--cell", "lstm", "--layout", "1x768", "--direction", "bw");
    config.AddCommand<CompileTimeProbeCommand>("compile-time-probe").IsHidden();
});
return app.Run(args);
