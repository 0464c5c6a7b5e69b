using FlashRnn.Cpu.Tests.Fixtures;
using FlashRnn.Cpu.Tests.Reference;
using FlashRnn.Cpu.Tests.Support;

namespace FlashRnn.Cpu.Tests;

/// <summary>
/// The engine's forward pass, with the fixture cells, against the published equations evaluated with full
/// matrices in PyTorch's layout (see <see cref="PublishedEquations"/>), element by element in float64.
/// </summary>
public class ForwardMatchesPublishedEquationsTests
{
    private const double Tolerance = 1e-12;

    // (batch, time, heads, head size): several heads, one head, the smallest case, and head sizes that reach every
    // path of the vector loops (a scalar tail at 11; four-vector blocks at 37; more than one 64-row tile at 70).
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 2, 4, 2, 3 },
        { 3, 5, 1, 6 },
        { 1, 1, 1, 1 },
        { 2, 3, 3, 11 },
        { 1, 2, 1, 37 },
        { 2, 2, 2, 70 },
    };

    [Theory, MemberData(nameof(Shapes))]
    public void Lstm_matches_torch_nn_LSTM(int batch, int time, int heads, int headSize)
    {
        foreach (bool withInitial in new[] { true, false })
            AssertMatches<LstmCell>(PublishedEquations.Lstm, batch, time, heads, headSize, withInitial, seed: 11);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Gru_matches_torch_nn_GRU(int batch, int time, int heads, int headSize)
    {
        foreach (bool withInitial in new[] { true, false })
            AssertMatches<GruCell>(PublishedEquations.Gru, batch, time, heads, headSize, withInitial, seed: 12);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Elman_matches_torch_nn_RNN_tanh(int batch, int time, int heads, int headSize)
    {
        foreach (bool withInitial in new[] { true, false })
            AssertMatches<ElmanCell>(PublishedEquations.Elman, batch, time, heads, headSize, withInitial, seed: 13);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Slstm_matches_FlashRNN_equations_from_running_states(int batch, int time, int heads, int headSize)
        => AssertMatches<SlstmCell>(PublishedEquations.Slstm, batch, time, heads, headSize, withInitial: true, seed: 14,
            RnnProblem.SlstmInitialRange);

    [Theory, MemberData(nameof(Shapes))]
    public void Slstm_matches_FlashRNN_equations_from_zero_states_with_the_first_step_rule(
        int batch, int time, int heads, int headSize)
        => AssertMatches<SlstmCell>(PublishedEquations.Slstm, batch, time, heads, headSize, withInitial: false, seed: 15);

    // The built-in cells as the generator emits them from their [Equations] (FlashRnn.Cells), against the same
    // independently written equations: this is what users run.

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Lstm_matches_torch_nn_LSTM(int batch, int time, int heads, int headSize)
    {
        foreach (bool withInitial in new[] { true, false })
            AssertMatches<Cells.Lstm.Pointwise>(PublishedEquations.Lstm, batch, time, heads, headSize, withInitial, seed: 31);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Gru_matches_torch_nn_GRU(int batch, int time, int heads, int headSize)
    {
        foreach (bool withInitial in new[] { true, false })
            AssertMatches<Cells.Gru.Pointwise>(PublishedEquations.Gru, batch, time, heads, headSize, withInitial, seed: 32);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Elman_matches_torch_nn_RNN_tanh(int batch, int time, int heads, int headSize)
    {
        foreach (bool withInitial in new[] { true, false })
            AssertMatches<Cells.Elman.Pointwise>(PublishedEquations.Elman, batch, time, heads, headSize, withInitial, seed: 33);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Generated_Slstm_matches_FlashRNN_equations(int batch, int time, int heads, int headSize)
    {
        AssertMatches<Cells.SLstm.Pointwise>(PublishedEquations.Slstm, batch, time, heads, headSize, withInitial: true, seed: 34,
            RnnProblem.SlstmInitialRange);
        AssertMatches<Cells.SLstm.Pointwise>(PublishedEquations.Slstm, batch, time, heads, headSize, withInitial: false, seed: 35);
    }

    [Fact]
    public void Slstm_first_step_from_zero_states_sets_the_stabiliser_to_the_input_gate()
    {
        // With n = 0 the rule m' = i makes i' = 1 and n' = max(f'·0 + 1, 1) = 1 exactly.
        var problem = RnnProblem.Random<SlstmCell>(seed: 16, batch: 2, time: 1, heads: 2, headSize: 4, withInitialStates: false);
        var result = problem.Forward<SlstmCell>();
        for (int b = 0; b < 2; b++)
        for (int h = 0; h < 2; h++)
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(1.0, result.Last[2, b, h, j]);
            double inputGate = problem.Wx[b, 0, 0, h, j] + problem.Bias[0, h, j]; // R·0 contributes nothing
            Assert.Equal(inputGate, result.Last[3, b, h, j], 1e-15);
        }
    }

    private static void AssertMatches<TCell>(Func<TorchLayoutModel, double[][,,]> equations, int batch, int time,
        int heads, int headSize, bool withInitial, int seed, Func<int, (double, double)>? initialRange = null)
        where TCell : struct, IPointwiseCell
    {
        var model = TorchLayoutModel.Random(seed, TCell.Info.GateCount, TCell.Info.StateCount, batch, time, heads,
            headSize, initialRange);
        if (!withInitial)
            foreach (var state in model.Initial) Array.Clear(state); // the cells' default initial values are zeros

        var expected = equations(model);
        var result = CpuReference.Forward<TCell, double>(model.Wx(), model.R(), model.Bias(),
            withInitial ? model.InitialStates() : null);

        string what = $"{TCell.Info.Name} B={batch} T={time} NH={heads} DH={headSize} initial={withInitial}";
        for (int k = 0; k < model.States; k++)
        for (int b = 0; b < batch; b++)
        for (int t = 0; t < time; t++)
        for (int h = 0; h < heads; h++)
        for (int j = 0; j < headSize; j++)
        {
            double want = expected[k][b, t, h * headSize + j];
            AssertClose(want, result.States[k, b, t, h, j], $"{what}: States[{k}, {b}, {t}, {h}, {j}]");
            if (t == time - 1)
                AssertClose(want, result.Last[k, b, h, j], $"{what}: Last[{k}, {b}, {h}, {j}]");
        }
    }

    private static void AssertClose(double expected, double actual, string where)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{where} is {actual:R}, expected {expected:R}.");
}
