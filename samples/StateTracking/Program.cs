// StateTracking: an RNN built on a generated cell learns parity (or counting modulo k) of bit sequences from short
// sequences and is measured on much longer ones, on the GPU when one is present, else on the CPU reference engine. See README.md.
//
//   dotnet run --project samples/StateTracking -c Release -- --cell lstm --steps 1500
//   dotnet run --project samples/StateTracking -c Release -- plot statetracking-out/run.json
using StateTracking.Cli;

return CommandLine.Create().Run(args);
