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
});
return app.Run(args);
