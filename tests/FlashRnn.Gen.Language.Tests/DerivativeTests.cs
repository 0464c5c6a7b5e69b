using CsCheck;
using FlashRnn.Gen.Language.Testing;
using FlashRnn.Gen.Language.Tests.Support;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>
/// The derived backward program equals central finite differences of the forward program (float64, relative
/// error ≤ 1e-6 norm-wise over the gradients of gate inputs, gate recurrent parts and previous states).
/// </summary>
public class DerivativeTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Seed_cells_match_finite_differences()
    {
        var random = new Random(20241207);
        foreach ((string name, CellText text) in SeedCells.All)
        {
            CellModel model = TestCells.Compile(text);
            for (int sample = 0; sample < 25; sample++)
            {
                GradientCheck.Point point = GradientCheck.FindSmoothPoint(model, random)
                    ?? throw new InvalidOperationException($"No smooth point found for {name}.");
                GradientCheck.Result result = GradientCheck.Check(model, point);
                Assert.True(result.RelativeError <= Tolerance,
                    $"{name}: relative error {result.RelativeError:E2}\nderived {string.Join(", ", result.Derived)}\nnumeric {string.Join(", ", result.Numeric)}");
            }
        }
    }

    [Fact]
    public void Slstm_on_its_first_step_passes_the_input_gate_through_m()
    {
        // n = 0 selects m = i: the gradient of m reaches i, and nothing reaches a (the forget path).
        CellModel model = TestCells.Compile(SeedCells.SLstm);
        var point = new GradientCheck.Point(new[] { 0.3, -0.2, 0.5, 0.1 }, new[] { 0.1, 0.4, -0.3, 0.2 },
            new[] { 0.0, 0.0, 0.0, 0.0 }, First: true, Weights: new[] { 0.0, 0.0, 0.0, 1.0 });
        GradientCheck.Result result = GradientCheck.Check(model, point);
        Assert.Equal(1.0, result.Derived[0], 14);  // d m / d i.input
        Assert.Equal(0.0, result.Derived[1], 14);  // d m / d f.input
    }

    [Fact]
    public void Kinks_follow_the_documented_conventions()
    {
        // max(a, b) passes the gradient to a on ties, relu'(0) = 0, abs'(0) = +1.
        CellModel max = TestCells.Compile(new CellText("a b", "h", "h = max(a, b)"));
        GradientCheck.Result tie = GradientCheck.Check(max, new GradientCheck.Point(
            new[] { 0.5, 0.5 }, new[] { 0.0, 0.0 }, new[] { 0.0 }, false, new[] { 1.0 }));
        Assert.Equal(new[] { 1.0, 0.0 }, tie.Derived.Take(2));

        CellModel kinks = TestCells.Compile(new CellText("a b", "h c", "h = relu(a)\nc = abs(b)"));
        GradientCheck.Result zero = GradientCheck.Check(kinks, new GradientCheck.Point(
            new[] { 0.0, 0.0 }, new[] { 0.0, 0.0 }, new[] { 0.0, 0.0 }, false, new[] { 1.0, 1.0 }));
        Assert.Equal(new[] { 0.0, 1.0 }, zero.Derived.Take(2));
    }

    [Fact]
    public void Random_cells_match_finite_differences()
    {
        int checkedCells = 0, skippedCells = 0;
        Gen<int> seeds = CsCheck.Gen.Int[0, int.MaxValue];
        Sampling.ForAll(seeds, count: 240, seed: 42, seed =>
        {
            CellText text = RandomCells.Generate(new Random(seed));
            CellModel model = TestCells.Compile(text);
            var random = new Random(seed);
            int points = 0;
            for (int sample = 0; sample < 3; sample++)
            {
                GradientCheck.Point? point = GradientCheck.FindSmoothPoint(model, random);
                if (point is null) continue;
                GradientCheck.Result result = GradientCheck.Check(model, point);
                Assert.True(result.RelativeError <= Tolerance,
                    $"relative error {result.RelativeError:E2} at {string.Join(", ", point.GateInput.Concat(point.GateRecurrent).Concat(point.State))} first={point.First}\n" +
                    $"derived {string.Join(", ", result.Derived)}\nnumeric {string.Join(", ", result.Numeric)}");
                points++;
            }
            if (points > 0) checkedCells++;
            else skippedCells++;
        }, seed => TestCells.Describe(RandomCells.Generate(new Random(seed))));

        Assert.True(checkedCells >= 200, $"Only {checkedCells} random cells had a point away from their kinks ({skippedCells} skipped).");
    }
}
