using StateTracking.Model;
using StateTracking.Tasks;

namespace FlashRnn.Samples.Tests.StateTracking;

/// <summary>
/// The model's gradients against central finite differences of its loss, in float64 on a tiny model. The projection
/// and the head are differentiated by hand in the sample, so every one of their elements is checked; the cell's R
/// and b are checked too, which verifies that the head's gradient reaches the cell's output state at the right steps.
/// </summary>
public class GradientCheckTests
{
    private const double Step = 1e-6;

    // Supervision is internal to the sample, so the cases carry its name.
    public static TheoryData<string, string> CellsAndSupervision()
    {
        var data = new TheoryData<string, string>();
        foreach (string cell in RecurrentCells.Names)
            foreach (string supervision in Enum.GetNames<Supervision>())
                data.Add(cell, supervision);
        return data;
    }

    [Theory]
    [MemberData(nameof(CellsAndSupervision))]
    public void EveryGradientMatchesFiniteDifferences(string cell, string supervisionName)
    {
        var supervision = Enum.Parse<Supervision>(supervisionName);
        var random = new Random(11);
        // Two heads of 3 units: small enough to perturb every weight, and the block-diagonal layout is exercised.
        var model = new StateTrackingModel<double>(symbolCount: 2, classCount: 3,
            RecurrentCells.Create<double>(cell, heads: 2, headSize: 3, random), random);
        SequenceBatch batch = new ModularCountingTask(3).Sample(random, batchSize: 3, length: 5);

        model.ComputeGradients(batch, supervision);
        double[][] analytic = [.. model.Parameters.Select(p => (double[])p.Gradient.Array.Clone())];

        for (int p = 0; p < model.Parameters.Count; p++)
        {
            Parameter<double> parameter = model.Parameters[p];
            for (int i = 0; i < parameter.Length; i++)
            {
                double numeric = CentralDifference(model, batch, supervision, parameter.Value.Array, i);
                // Central differences are exact to O(Step²) ≈ 1e-12 but lose ~1e-16 / Step ≈ 1e-10 to rounding,
                // so tiny gradients get an absolute allowance and the rest a relative one.
                double allowed = 1e-8 + 1e-5 * Math.Abs(numeric);
                Assert.True(Math.Abs(numeric - analytic[p][i]) <= allowed,
                    $"{cell}, {supervision}: d loss / d {parameter.Name}[{i}] is {analytic[p][i]:E6} by backprop but {numeric:E6} by finite differences.");
            }
        }
    }

    [Fact]
    public void TheHeadAndProjectionGradientsAreNotTriviallyZero()
    {
        // Guards the check above against passing because the loss does not depend on the weights at all.
        var random = new Random(3);
        var model = new StateTrackingModel<double>(2, 2, RecurrentCells.Create<double>("lstm", 1, 4, random), random);
        model.ComputeGradients(new ModularCountingTask(2).Sample(random, 4, 6), Supervision.EveryStep);
        Assert.All(model.Parameters, p => Assert.Contains(p.Gradient.Array, g => Math.Abs(g) > 1e-6));
    }

    private static double CentralDifference(StateTrackingModel<double> model, SequenceBatch batch,
        Supervision supervision, double[] values, int index)
    {
        double saved = values[index];
        values[index] = saved + Step;
        double plus = model.ComputeGradients(batch, supervision).Loss;
        values[index] = saved - Step;
        double minus = model.ComputeGradients(batch, supervision).Loss;
        values[index] = saved;
        return (plus - minus) / (2 * Step);
    }
}
