using System.Diagnostics;
using System.Globalization;
using FlashRnn.ConstrInt.Tests.Oracle;
using FlashRnn.Planning;

namespace FlashRnn.ConstrInt.Benchmarks;

/// <summary>
/// Solves each benchmark case with ConstrINT (median of several runs) and with Z3 and prints both answers and times.
/// Z3 runs in a child process per case with a time limit: on these non-linear models it can exhaust its memory
/// limit, and libz3 then ends the process.
/// </summary>
internal static class AgreementCheck
{
    private static readonly TimeSpan Z3Limit = TimeSpan.FromSeconds(60);

    public static int Run(TextWriter output)
    {
        output.WriteLine($"Z3 {Z3Oracle.Version}, limit {Z3Limit.TotalSeconds:0} s and 2 GB per case");
        for (int index = 0; index < PlanCase.All.Length; index++)
        {
            PlanCase planCase = PlanCase.All[index];
            Problem model = KernelPlanner.BuildModel(planCase.Request, GpuProfiles.Get(planCase.ProfileId));
            var times = new List<double>();
            SolveResult ours = null!;
            for (int run = 0; run < 7; run++)
            {
                Stopwatch clock = Stopwatch.StartNew();
                ours = ConstraintSolver.Solve(model, new SolverOptions { ExplainConflicts = false });
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            double median = times.OrderBy(t => t).ElementAt(times.Count / 2);
            string z3 = RunZ3InChild(index);
            output.WriteLine($"{planCase.Name,-40} | ConstrINT {SolveResult.StatusText(ours.Status),-10} objective {ours.Objective,7} in {median,7:F2} ms ({ours.Nodes} nodes) | Z3 {z3}");
        }

        return 0;
    }

    /// <summary>Entry of the child process: solve case <paramref name="index"/> with Z3 and print "status objective ms".</summary>
    public static int RunZ3Case(int index, TextWriter output)
    {
        PlanCase planCase = PlanCase.All[index];
        Problem model = KernelPlanner.BuildModel(planCase.Request, GpuProfiles.Get(planCase.ProfileId));
        Stopwatch clock = Stopwatch.StartNew();
        Z3Verdict verdict = Z3Oracle.Solve(model, timeoutMs: (uint)Z3Limit.TotalMilliseconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verdict.Status} {verdict.Objective?.ToString(CultureInfo.InvariantCulture) ?? "-"} {clock.Elapsed.TotalMilliseconds:F1}"));
        return 0;
    }

    private static string RunZ3InChild(int index)
    {
        // Under "dotnet FlashRnn.ConstrInt.Benchmarks.dll" the child needs the dll path; under the apphost it does not.
        string host = Environment.ProcessPath!;
        string[] arguments = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [typeof(AgreementCheck).Assembly.Location, "--z3-case", index.ToString(CultureInfo.InvariantCulture)]
            : ["--z3-case", index.ToString(CultureInfo.InvariantCulture)];
        var start = new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };

        using Process child = Process.Start(start)!;
        Stopwatch clock = Stopwatch.StartNew();
        if (!child.WaitForExit(Z3Limit + TimeSpan.FromSeconds(15)))
        {
            child.Kill(entireProcessTree: true);
            return $"no answer within {clock.Elapsed.TotalSeconds:0} s (killed)";
        }

        string line = child.StandardOutput.ReadToEnd().Trim();
        string[] parts = line.Split(' ');
        if (child.ExitCode != 0 || parts.Length != 3)
        {
            string why = child.ExitCode == 139 ? "SIGSEGV: libz3 4.8.12 crashes when it reaches its 2 GB memory cap" : $"exit code {child.ExitCode}";
            return $"no answer: ended after {clock.Elapsed.TotalSeconds:0.0} s ({why})";
        }

        return $"{parts[0]} objective {parts[1]} in {parts[2]} ms";
    }
}
