using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Tests.Support;

/// <summary>
/// Compares a cell's derived backward program with central finite differences of its forward program, in double
/// precision. The loss is L = Σ_k w_k · newState_k, whose gradient the backward program gives when its incoming
/// gradients are the weights w. Differences use Richardson extrapolation of two central steps (error O(h⁴)), so the
/// step can be large enough that rounding stays far below the tolerance.
/// </summary>
internal static class GradientCheck
{
    /// <summary>Relative step per coordinate (times max(1, |x|)).</summary>
    public const double Step = 1e-5;

    /// <summary>A kink closer than this to its switching point makes the point unusable for differences.</summary>
    public const double MinimumBranchMargin = 1e-3;

    public sealed record Point(double[] GateInput, double[] GateRecurrent, double[] State, bool First, double[] Weights);

    public sealed record Result(double RelativeError, double[] Derived, double[] Numeric);

    /// <summary>A random point whose kinks are all comfortably away from their switching points, or null if none was found.</summary>
    public static Point? FindSmoothPoint(CellModel model, Random random, int attempts = 40)
    {
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            var point = new Point(Uniform(random, model.GateCount), Uniform(random, model.GateCount),
                Uniform(random, model.StateCount), random.Next(2) == 0, Uniform(random, model.StateCount));
            if (Margin(model, point) >= MinimumBranchMargin) return point;
        }
        return null;
    }

    public static Result Check(CellModel model, Point point)
    {
        int g = model.GateCount, s = model.StateCount;
        double[] x = point.GateInput.Concat(point.GateRecurrent).Concat(point.State).ToArray();

        ProgramEvaluation backward = ProgramEvaluator.Evaluate(model.Backward,
            new ProgramInputs(point.GateInput, point.GateRecurrent, point.State, point.First, point.Weights));
        double[] derived = new double[x.Length];
        for (int i = 0; i < g; i++)
        {
            derived[i] = backward.Get(ProgramOutputKind.GateInputGradient, i);
            derived[g + i] = backward.Get(ProgramOutputKind.GateRecurrentGradient, i);
        }
        for (int k = 0; k < s; k++) derived[2 * g + k] = backward.Get(ProgramOutputKind.OldStateGradient, k);

        double[] numeric = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double h = Step * Math.Max(1, Math.Abs(x[i]));
            double coarse = Central(model, point, x, i, h);
            double fine = Central(model, point, x, i, h / 2);
            numeric[i] = (4 * fine - coarse) / 3;
        }

        double difference = Norm(derived.Zip(numeric, (a, b) => a - b));
        double scale = Math.Max(Norm(derived), 1e-6);
        return new Result(difference / scale, derived, numeric);
    }

    private static double Central(CellModel model, Point point, double[] x, int i, double h)
    {
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (Loss(model, point, plus) - Loss(model, point, minus)) / (plus[i] - minus[i]);
    }

    private static double Loss(CellModel model, Point point, double[] x)
    {
        int g = model.GateCount;
        ProgramEvaluation forward = ProgramEvaluator.Evaluate(model.Forward, new ProgramInputs(
            x.Take(g).ToArray(), x.Skip(g).Take(g).ToArray(), x.Skip(2 * g).ToArray(), point.First));
        double loss = 0;
        for (int k = 0; k < model.StateCount; k++) loss += point.Weights[k] * forward.Get(ProgramOutputKind.NewState, k);
        return loss;
    }

    private static double Margin(CellModel model, Point point)
    {
        var inputs = new ProgramInputs(point.GateInput, point.GateRecurrent, point.State, point.First, point.Weights);
        return Math.Min(ProgramEvaluator.Evaluate(model.Forward, inputs).SmallestBranchMargin,
            ProgramEvaluator.Evaluate(model.Backward, inputs).SmallestBranchMargin);
    }

    private static double[] Uniform(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 3 - 1.5).ToArray();

    private static double Norm(IEnumerable<double> values) => Math.Sqrt(values.Sum(v => v * v));
}
