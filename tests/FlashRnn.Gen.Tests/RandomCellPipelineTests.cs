using System.Reflection;
using System.Runtime.Loader;
using FlashRnn.Cpu;
using FlashRnn.Gen.Language;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlashRnn.Gen.Tests;

/// <summary>
/// Random well-formed cells go through the whole pipeline a user's build takes: the generator emits their code,
/// the compiler builds it, and the CPU reference runs it; the derived gradients of Wx, R, b and the initial states
/// must match central finite differences of the generated forward pass in float64.
/// </summary>
public class RandomCellPipelineTests
{
    private const int CellCount = 200;
    private const int B = 2, T = 3, NH = 2, DH = 3;
    private const double Step = 1e-6, Tolerance = 1e-6;

    [Fact]
    public void Derived_gradients_of_random_cells_match_finite_differences()
    {
        var random = new Random(20241226);
        var cells = Enumerable.Range(0, CellCount).Select(_ => RandomCells.Generate(random)).ToArray();
        string source = "namespace RandomPipeline;\n" +
            string.Join("\n", cells.Select((c, i) => RandomCells.ToCSharpDeclaration(c, $"Cell{i}")));

        Assembly assembly = CompileAndLoad(source);
        var failures = new List<string>();
        for (int i = 0; i < CellCount; i++)
        {
            Type pointwise = assembly.GetType($"RandomPipeline.Cell{i}+Pointwise", throwOnError: true)!;
            double error = GradientCheck(pointwise, new Random(i));
            if (!(error <= Tolerance))
                failures.Add($"Cell{i} (relative error {error:E2}):\n{cells[i].Equations}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static Assembly CompileAndLoad(string source)
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(CellCount, run.GeneratedTrees.Length);

        using var image = new MemoryStream();
        var emitted = output.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(20)));
        image.Position = 0;
        // The default context already holds FlashRnn.Runtime, so the generated code binds to the same engine.
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }

    /// <summary>Norm-wise relative error of the derived gradient of L = Σ w·States + Σ v·Last over all inputs.</summary>
    private static double GradientCheck(Type pointwise, Random random)
    {
        var info = (CellInfo)pointwise.GetProperty("Info")!.GetValue(null)!;
        int g = info.GateCount, s = info.StateCount;
        MethodInfo forward = typeof(CpuReference).GetMethod(nameof(CpuReference.Forward))!.MakeGenericMethod(pointwise, typeof(double));
        MethodInfo backward = typeof(CpuReference).GetMethod(nameof(CpuReference.Backward))!.MakeGenericMethod(pointwise, typeof(double));

        HostTensor<double> Random(params int[] shape)
        {
            var t = new HostTensor<double>(shape);
            foreach (ref double x in t.Span) x = 2 * random.NextDouble() - 1;
            return t;
        }

        HostTensor<double> wx = Random(B, T, g, NH, DH), r = Random(g, NH, DH, DH), bias = Random(g, NH, DH), initial = Random(s, B, NH, DH);
        foreach (ref double x in r.Span) x *= 0.5;
        HostTensor<double> w = Random(s, B, T, NH, DH), v = Random(s, B, NH, DH);

        RnnForwardResult<double> Run() => (RnnForwardResult<double>)forward.Invoke(null, [wx, r, bias, initial, -1])!;
        double Loss()
        {
            RnnForwardResult<double> result = Run();
            double sum = 0;
            for (int i = 0; i < w.Length; i++) sum += w.Span[i] * result.States.Span[i];
            for (int i = 0; i < v.Length; i++) sum += v.Span[i] * result.Last.Span[i];
            return sum;
        }

        var gradients = (RnnGradients<double>)backward.Invoke(null, [wx, r, bias, initial, Run(), w, v, -1])!;
        double diff = 0, norm = 0;
        foreach ((HostTensor<double> input, HostTensor<double> derived) in new[]
                 { (wx, gradients.DWx), (r, gradients.DR), (bias, gradients.DBias), (initial, gradients.DInitialStates) })
        {
            for (int i = 0; i < input.Length; i++)
            {
                double saved = input.Span[i];
                input.Span[i] = saved + Step;
                double up = Loss();
                input.Span[i] = saved - Step;
                double down = Loss();
                input.Span[i] = saved;
                double numeric = (up - down) / (2 * Step);
                diff += (numeric - derived.Span[i]) * (numeric - derived.Span[i]);
                norm += numeric * numeric;
            }
        }
        return Math.Sqrt(diff) / Math.Max(Math.Sqrt(norm), 1e-12);
    }
}
