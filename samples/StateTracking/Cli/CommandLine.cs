using Spectre.Console.Cli;

namespace StateTracking.Cli;

/// <summary>The sample's command line: training by default, <c>plot</c> to redraw a run's curves from its run.json.</summary>
internal static class CommandLine
{
    /// <summary>The configured application; Program.cs runs it and the tests run it in process.</summary>
    public static CommandApp<TrainCommand> Create()
    {
        var app = new CommandApp<TrainCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("StateTracking");
            config.AddExample("--cell", "slstm");
            config.AddExample("--cell", "gru", "--modulus", "3", "--seed", "7");
            config.AddCommand<PlotCommand>("plot")
                .WithDescription("Draw curves.png again from a run.json (for instance one from a machine without fonts).")
                .WithExample("plot", "statetracking-out/run.json");
        });
        return app;
    }
}
