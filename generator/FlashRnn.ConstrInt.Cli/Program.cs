using System;
using System.Globalization;
using System.IO;
using FlashRnn.ConstrInt;

namespace FlashRnn.ConstrInt.Cli;

/// <summary>
/// <c>constrint solve problem.cint [--timeout-ms N] [--nodes N]</c>: parses a problem in the ConstrINT text format,
/// solves it and prints the status, the objective, the assignment, and for an infeasible problem the conflicting
/// constraints.
/// </summary>
public static class Program
{
    /// <summary>Exit code: solved (optimal, or feasible when a limit cut the search).</summary>
    public const int Solved = 0;

    /// <summary>Exit code: the problem has no solution.</summary>
    public const int Infeasible = 1;

    /// <summary>Exit code: a limit stopped the search before any solution was found.</summary>
    public const int LimitReached = 2;

    /// <summary>Exit code: wrong command line.</summary>
    public const int UsageError = 64;

    /// <summary>Exit code: the problem text has errors.</summary>
    public const int ParseFailed = 65;

    /// <summary>Exit code: the problem file cannot be read.</summary>
    public const int FileUnreadable = 66;

    private const string Usage =
        "usage: constrint solve <problem.cint> [--timeout-ms N] [--nodes N]\n" +
        "  Solves a ConstrINT problem and prints status, objective, assignment, or the conflicting constraints.\n" +
        "  Exit codes: 0 solved, 1 infeasible, 2 limit reached without a solution, 64 usage, 65 parse errors, 66 unreadable file.";

    /// <summary>Process entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command with the given arguments, writing results to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? UsageError : Solved;
        }

        if (args[0] != "solve")
        {
            error.WriteLine($"constrint: unknown command '{args[0]}'.");
            error.WriteLine(Usage);
            return UsageError;
        }

        if (!TryReadOptions(args, error, out string? path, out SolverOptions? options))
        {
            return UsageError;
        }

        string text;
        try
        {
            text = File.ReadAllText(path!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"constrint: cannot read '{path}': {exception.Message}");
            return FileUnreadable;
        }

        ParseResult parsed = ProblemParser.Parse(text);
        if (!parsed.Succeeded)
        {
            foreach (ParseError parseError in parsed.Errors)
            {
                error.WriteLine($"{path}:{parseError.Line}:{parseError.Column}: error: {parseError.Message}");
            }

            return ParseFailed;
        }

        SolveResult result = ConstraintSolver.Solve(parsed.Problem!, options);
        output.WriteLine(result.ToString());
        output.WriteLine("nodes: " + result.Nodes.ToString(CultureInfo.InvariantCulture));
        output.WriteLine("time: " + result.Elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms");
        return result.Status switch
        {
            SolveStatus.Optimal or SolveStatus.Feasible => Solved,
            SolveStatus.Infeasible => Infeasible,
            _ => LimitReached,
        };
    }

    private static bool TryReadOptions(string[] args, TextWriter error, out string? path, out SolverOptions? options)
    {
        path = null;
        options = null;
        long? timeoutMs = null;
        long? nodes = null;
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--timeout-ms" or "--nodes")
            {
                if (i + 1 >= args.Length || !long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1)
                {
                    error.WriteLine($"constrint: {arg} needs a positive whole number, as in '{arg} 1000'.");
                    return false;
                }

                if (arg == "--timeout-ms")
                {
                    timeoutMs = value;
                }
                else
                {
                    nodes = value;
                }

                i++;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                error.WriteLine($"constrint: unknown option '{arg}'.");
                error.WriteLine(Usage);
                return false;
            }
            else if (path is null)
            {
                path = arg;
            }
            else
            {
                error.WriteLine($"constrint: one problem file expected, got '{path}' and '{arg}'.");
                return false;
            }
        }

        if (path is null)
        {
            error.WriteLine("constrint: missing the problem file.");
            error.WriteLine(Usage);
            return false;
        }

        options = new SolverOptions
        {
            NodeLimit = nodes,
            TimeLimit = timeoutMs is long ms ? TimeSpan.FromMilliseconds(ms) : null,
        };
        return true;
    }
}
