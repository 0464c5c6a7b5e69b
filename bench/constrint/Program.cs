using BenchmarkDotNet.Running;
using FlashRnn.ConstrInt.Benchmarks;

// Usage: dotnet run -c Release --project bench/constrint/FlashRnn.ConstrInt.Benchmarks.csproj -- --job short --filter '*'
// "--check" instead solves every case with ConstrINT and with Z3 (one child process per case) and prints both.
if (args.Contains("--check"))
{
    return AgreementCheck.Run(Console.Out);
}

if (args.Length == 2 && args[0] == "--z3-case")
{
    return AgreementCheck.RunZ3Case(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);
return 0;
