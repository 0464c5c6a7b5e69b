// StateTracking: an RNN built on a generated cell learns parity (or counting modulo k) of bit sequences from short
// sequences and is measured on much longer ones, on the CPU reference engine. See README.md.
//
//   dotnet run --project samples/StateTracking -c Release -- --cell lstm --steps 1500
using Spectre.Console.Cli;
using StateTracking.Cli;

var app = new CommandApp<TrainCommand>();
app.Configure(config =>
{
    config.SetApplicationName("StateTracking");
    config.AddExample("--cell", "slstm");
    config.AddExample("--cell", "gru", "--modulus", "3", "--seed", "7");
});
return app.Run(args);
