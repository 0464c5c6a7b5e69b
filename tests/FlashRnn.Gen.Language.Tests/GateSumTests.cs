using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>
/// <see cref="GateSums"/>: which cells use their gates only as x_g + (R_g h + b_g). The kernels rely on it to take
/// the recurrent gradient for the input one (the weight gradients then read dWx), so a false "yes" would be a wrong
/// gradient: the property test checks the claim on the derived backward of random cells.
/// </summary>
public class GateSumTests
{
    [Fact]
    public void Seed_cells_lstm_slstm_and_elman_use_sums_and_gru_does_not()
    {
        Assert.True(TestCells.Compile(SeedCells.Lstm).GatesEnterAsSums);
        Assert.True(TestCells.Compile(SeedCells.SLstm).GatesEnterAsSums);
        Assert.True(TestCells.Compile(SeedCells.Elman).GatesEnterAsSums);
        Assert.False(TestCells.Compile(SeedCells.Gru).GatesEnterAsSums);
    }

    [Theory]
    [InlineData("h = tanh(g)", true)]
    [InlineData("h = tanh(g.input + g.recurrent)", true)]
    [InlineData("h = tanh(g.recurrent + g.input) * h", true)]
    [InlineData("h = tanh(g.input) + tanh(g.recurrent)", false)]
    [InlineData("h = tanh(g.input + 2 * g.recurrent)", false)]
    [InlineData("h = tanh(g.input + g.recurrent + 1)", true)]
    [InlineData("h = g.recurrent", false)]
    [InlineData("h = sigmoid(g.input - g.recurrent)", false)]
    public void A_gate_part_used_on_its_own_is_not_a_sum(string equation, bool sums)
        => Assert.Equal(sums, TestCells.Compile(equation).GatesEnterAsSums);

    [Fact]
    public void Parts_of_two_different_gates_added_are_not_a_sum()
        => Assert.False(TestCells.Compile("h = tanh(a.input + b.recurrent) + tanh(b.input + a.recurrent)", gates: "a b").GatesEnterAsSums);

    [Fact]
    public void When_gates_enter_as_sums_their_input_and_recurrent_gradients_are_equal()
    {
        int summed = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            CellModel model = TestCells.Compile(TestCells.Random(seed));
            if (!model.GatesEnterAsSums) continue;
            summed++;
            var random = new Random(seed);
            double[] values(int n) => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var inputs = new ProgramInputs(values(model.GateCount), values(model.GateCount), values(model.StateCount),
                firstStep: false, values(model.StateCount));
            ProgramEvaluation result = ProgramEvaluator.Evaluate(model.Backward, inputs);
            for (int g = 0; g < model.GateCount; g++)
            {
                double input = result.Get(ProgramOutputKind.GateInputGradient, g);
                double recurrent = result.Get(ProgramOutputKind.GateRecurrentGradient, g);
                Assert.True(input.Equals(recurrent) || Math.Abs(input - recurrent) <= 1e-12 * Math.Max(1, Math.Abs(input)),
                    $"seed {seed}, gate {g}: d/d input {input} != d/d recurrent {recurrent}\n{TestCells.Describe(TestCells.Random(seed))}");
            }
        }

        Assert.True(summed >= 10, $"only {summed} of 300 random cells use their gates as sums; the property was barely tested");
    }
}
