using FlashRnn.Cpu.Tests.Fixtures;
using FlashRnn.Cpu.Tests.Support;

namespace FlashRnn.Cpu.Tests;

/// <summary>
/// The backward pass against central finite differences (float64, norm-wise relative error ≤ 1e-6) with respect to
/// Wx, R, bias and the initial states, for every fixture cell.
/// </summary>
public class GradientTests
{
    // (batch, time, heads, head size): batch and heads > 1 with DH != NH, the smallest case, a vector tail (9), and
    // four-vector blocks in every vector loop (37).
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 2, 3, 2, 3 },
        { 3, 4, 1, 2 },
        { 1, 1, 1, 1 },
        { 1, 3, 2, 9 },
        { 2, 2, 1, 37 },
    };

    [Theory, MemberData(nameof(Shapes))]
    public void Lstm_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<LstmCell>(RnnProblem.Random<LstmCell>(21, batch, time, heads, headSize), seed: 121);

    [Theory, MemberData(nameof(Shapes))]
    public void Gru_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<GruCell>(RnnProblem.Random<GruCell>(22, batch, time, heads, headSize), seed: 122);

    [Theory, MemberData(nameof(Shapes))]
    public void Elman_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<ElmanCell>(RnnProblem.Random<ElmanCell>(23, batch, time, heads, headSize), seed: 123);

    [Theory, MemberData(nameof(Shapes))]
    public void Slstm_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<SlstmCell>(
            RnnProblem.Random<SlstmCell>(24, batch, time, heads, headSize, initialRange: RnnProblem.SlstmInitialRange),
            seed: 124);

    // The generator's derived backward passes of the built-in cells (FlashRnn.Cells).

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Lstm_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<Cells.Lstm.Pointwise>(RnnProblem.Random<Cells.Lstm.Pointwise>(31, batch, time, heads, headSize), seed: 131);

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Gru_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<Cells.Gru.Pointwise>(RnnProblem.Random<Cells.Gru.Pointwise>(32, batch, time, heads, headSize), seed: 132);

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Elman_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<Cells.Elman.Pointwise>(RnnProblem.Random<Cells.Elman.Pointwise>(33, batch, time, heads, headSize), seed: 133);

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Slstm_gradients_match_finite_differences(int batch, int time, int heads, int headSize)
        => GradientCheck.Verify<Cells.SLstm.Pointwise>(
            RnnProblem.Random<Cells.SLstm.Pointwise>(34, batch, time, heads, headSize, initialRange: RnnProblem.SlstmInitialRange),
            seed: 134);

    [Fact]
    public void Slstm_gradients_through_the_first_step_rule_match_finite_differences()
        // From zero states (n = 0), the first step takes m' = i; Wx, R and bias are smooth there. The initial n
        // itself sits on the rule's switch (n = 0), where no derivative exists, so the initial states are left out.
        => GradientCheck.Verify<SlstmCell>(
            RnnProblem.Random<SlstmCell>(25, batch: 2, time: 4, heads: 2, headSize: 3, withInitialStates: false), seed: 125);

    [Fact]
    public void Gradients_without_initial_states_equal_those_with_the_initial_values_passed_explicitly()
    {
        var withDefaults = RnnProblem.Random<OffsetStartLstmCell>(26, batch: 2, time: 3, heads: 2, headSize: 3,
            withInitialStates: false);
        var explicitStates = withDefaults with { InitialStates = BroadcastInitialValues(OffsetStartLstmCell.Info, 2, 2, 3) };
        var rng = new Random(126);
        var forward = withDefaults.Forward<OffsetStartLstmCell>();
        var dStates = Tensors.Uniform(rng, -1, 1, forward.States.Shape);

        var implicitGradients = CpuReference.Backward<OffsetStartLstmCell, double>(withDefaults.Wx, withDefaults.R,
            withDefaults.Bias, null, forward, dStates, null);
        var explicitGradients = CpuReference.Backward<OffsetStartLstmCell, double>(explicitStates.Wx, explicitStates.R,
            explicitStates.Bias, explicitStates.InitialStates, explicitStates.Forward<OffsetStartLstmCell>(), dStates, null);

        Assert.True(Tensors.BitwiseEqual(explicitGradients.DWx, implicitGradients.DWx));
        Assert.True(Tensors.BitwiseEqual(explicitGradients.DR, implicitGradients.DR));
        Assert.True(Tensors.BitwiseEqual(explicitGradients.DBias, implicitGradients.DBias));
        Assert.True(Tensors.BitwiseEqual(explicitGradients.DInitialStates, implicitGradients.DInitialStates));
        // And that gradient is the one of the broadcast values: check it by finite differences.
        GradientCheck.Verify<OffsetStartLstmCell>(explicitStates, seed: 127);
    }

    [Fact]
    public void Only_dLast_or_only_dStates_gives_the_gradient_of_that_part_alone()
    {
        var problem = RnnProblem.Random<LstmCell>(27, batch: 2, time: 3, heads: 2, headSize: 3);
        var forward = problem.Forward<LstmCell>();
        var rng = new Random(128);
        var dStates = Tensors.Uniform(rng, -1, 1, forward.States.Shape);
        var dLast = Tensors.Uniform(rng, -1, 1, forward.Last.Shape);

        var both = Backward(dStates, dLast);
        var statesOnly = Backward(dStates, null);
        var lastOnly = Backward(null, dLast);
        var none = Backward(null, null);

        // Backward is linear in (dStates, dLast).
        double[] sum = statesOnly.DWx.Array.Zip(lastOnly.DWx.Array, (a, b) => a + b).ToArray();
        Assert.True(Tensors.RelativeError(both.DWx.Array, sum) < 1e-13);
        Assert.True(Tensors.Norm(lastOnly.DR.Array) > 0);
        Assert.All(none.DWx.Array.Concat(none.DR.Array).Concat(none.DBias.Array).Concat(none.DInitialStates.Array),
            v => Assert.Equal(0.0, v));

        RnnGradients<double> Backward(HostTensor<double>? ds, HostTensor<double>? dl)
            => CpuReference.Backward<LstmCell, double>(problem.Wx, problem.R, problem.Bias, problem.InitialStates,
                forward, ds, dl);
    }

    internal static HostTensor<double> BroadcastInitialValues(CellInfo cell, int batch, int heads, int headSize)
    {
        var initial = new HostTensor<double>(cell.StateCount, batch, heads, headSize);
        int perState = batch * heads * headSize;
        for (int k = 0; k < cell.StateCount; k++)
            initial.Span.Slice(k * perState, perState).Fill(cell.InitialValues[k]);
        return initial;
    }
}
