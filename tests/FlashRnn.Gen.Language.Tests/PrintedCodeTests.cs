using System.Reflection;
using System.Text;
using FlashRnn.Gen.Language.Printing;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>
/// The printed code compiles and computes what the programs compute: the C# dialect against the runtime's
/// CellMath, bit for bit with the evaluator in double precision; the CUDA dialect through NVRTC.
/// </summary>
public class PrintedCodeTests
{
    private static readonly IReadOnlyList<CellModel> Models = SeedCells.All.Select(s => TestCells.Compile(s.Text))
        .Concat(Enumerable.Range(1000, 60).Select(seed => TestCells.Compile(TestCells.Random(seed))))
        .ToList();

    [Fact]
    public void Printed_csharp_computes_exactly_what_the_evaluator_computes()
    {
        Assembly assembly = PrintedCSharp.Compile(Models);
        var random = new Random(5);
        for (int i = 0; i < Models.Count; i++)
        {
            CellModel model = Models[i];
            Type cell = assembly.GetType("Cell" + i)!;
            MethodInfo forward = cell.GetMethod("Forward")!.MakeGenericMethod(typeof(double));
            MethodInfo backward = cell.GetMethod("Backward")!.MakeGenericMethod(typeof(double));
            for (int sample = 0; sample < 4; sample++)
            {
                double[] gin = Values(random, model.GateCount), grec = Values(random, model.GateCount);
                double[] state = Values(random, model.StateCount), seed = Values(random, model.StateCount);
                bool first = sample % 2 == 0;
                var inputs = new ProgramInputs(gin, grec, state, first, seed);

                var newState = new double[model.StateCount];
                forward.Invoke(null, new object[] { gin, grec, state, newState, first });
                Assert.Equal(ProgramEvaluator.Evaluate(model.Forward, inputs).Outputs, newState);

                double[] dGin = new double[model.GateCount], dGrec = new double[model.GateCount], dState = new double[model.StateCount];
                backward.Invoke(null, new object[] { gin, grec, state, first, seed, dGin, dGrec, dState });
                Assert.Equal(ProgramEvaluator.Evaluate(model.Backward, inputs).Outputs, dGin.Concat(dGrec).Concat(dState));
            }
        }
    }

    [Fact]
    public void Printed_cuda_compiles_with_nvrtc()
    {
        NvrtcCompiler? nvrtc = NvrtcCompiler.TryLoad();
        if (nvrtc is null) Assert.Skip("NVRTC is not installed on this machine.");
        var source = new StringBuilder(Prelude);
        for (int i = 0; i < Models.Count; i++)
        {
            CellModel model = Models[i];
            source.Append("extern \"C\" __global__ void cell").Append(i)
                .Append("_forward(const float* gin, const float* grec, const float* s, float* s_new, bool first)\n{\n")
                .Append(ProgramPrinter.Print(model, model.Forward, CodeDialect.Cuda, IndexedSpelling.Cuda, indent: 1))
                .Append("}\n\n");
            source.Append("extern \"C\" __global__ void cell").Append(i)
                .Append("_backward(const float* gin, const float* grec, const float* s, bool first, const float* ds_new, ")
                .Append("float* dgin, float* dgrec, float* ds)\n{\n")
                .Append(ProgramPrinter.Print(model, model.Backward, CodeDialect.Cuda, IndexedSpelling.Cuda, indent: 1))
                .Append("}\n\n");
        }

        string? error = nvrtc.CompileError(source.ToString(), "--gpu-architecture=compute_80", "-w");
        Assert.True(error is null, error);
    }

    /// <summary>The helper functions the kernel templates define, with the CellMath tie and overflow rules.</summary>
    private const string Prelude = """
        __device__ __forceinline__ float frg_sigmoid(float x) { return x >= 0.0f ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x)); }
        __device__ __forceinline__ float frg_tanh(float x) { return tanhf(x); }
        __device__ __forceinline__ float frg_exp(float x) { return expf(x); }
        __device__ __forceinline__ float frg_log(float x) { return logf(x); }
        __device__ __forceinline__ float frg_softplus(float x) { return fmaxf(x, 0.0f) + log1pf(expf(-fabsf(x))); }
        __device__ __forceinline__ float frg_logsigmoid(float x) { return -frg_softplus(-x); }
        __device__ __forceinline__ float frg_relu(float x) { return x > 0.0f ? x : 0.0f; }
        __device__ __forceinline__ float frg_max(float a, float b) { return a >= b ? a : b; }
        __device__ __forceinline__ float frg_min(float a, float b) { return a <= b ? a : b; }
        __device__ __forceinline__ float frg_div(float a, float b) { return a / b; }


        """;

    private static double[] Values(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4 - 2).ToArray();
}
