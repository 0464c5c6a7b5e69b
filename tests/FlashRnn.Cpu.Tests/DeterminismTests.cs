using FlashRnn.Cpu.Tests.Fixtures;
using FlashRnn.Cpu.Tests.Support;

namespace FlashRnn.Cpu.Tests;

/// <summary>Results are bitwise identical whatever the degree of parallelism (each element has one fixed order of
/// operations, independent of which worker computes it).</summary>
public class DeterminismTests
{
    private static readonly int[] Degrees = [1, 2, 3, 7, -1];

    [Fact] public void Lstm_is_bitwise_deterministic_across_degrees_of_parallelism() => AssertDeterministic<LstmCell>(51);
    [Fact] public void Gru_is_bitwise_deterministic_across_degrees_of_parallelism() => AssertDeterministic<GruCell>(52);
    [Fact] public void Slstm_is_bitwise_deterministic_across_degrees_of_parallelism() => AssertDeterministic<SlstmCell>(53);

    private static void AssertDeterministic<TCell>(int seed) where TCell : struct, IPointwiseCell
    {
        var p = RnnProblem.Random<TCell>(seed, batch: 3, time: 7, heads: 3, headSize: 10, withInitialStates: false);
        var rng = new Random(seed);
        var baseline = p.Forward<TCell>(maxDegreeOfParallelism: 1);
        var dStates = Tensors.Uniform(rng, -1, 1, baseline.States.Shape);
        var dLast = Tensors.Uniform(rng, -1, 1, baseline.Last.Shape);
        var baselineGradients = Backward(baseline, 1);

        foreach (int degree in Degrees)
        {
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var forward = p.Forward<TCell>(degree);
                Assert.True(Tensors.BitwiseEqual(baseline.States, forward.States), $"States differ at degree {degree}");
                Assert.True(Tensors.BitwiseEqual(baseline.Last, forward.Last), $"Last differs at degree {degree}");
                var gradients = Backward(forward, degree);
                Assert.True(Tensors.BitwiseEqual(baselineGradients.DWx, gradients.DWx), $"dWx differs at degree {degree}");
                Assert.True(Tensors.BitwiseEqual(baselineGradients.DR, gradients.DR), $"dR differs at degree {degree}");
                Assert.True(Tensors.BitwiseEqual(baselineGradients.DBias, gradients.DBias), $"dBias differs at degree {degree}");
                Assert.True(Tensors.BitwiseEqual(baselineGradients.DInitialStates, gradients.DInitialStates),
                    $"dInitialStates differ at degree {degree}");
            }
        }

        RnnGradients<double> Backward(RnnForwardResult<double> forward, int degree)
            => CpuReference.Backward<TCell, double>(p.Wx, p.R, p.Bias, p.InitialStates, forward, dStates, dLast, degree);
    }
}
