namespace FlashRnn.Cpu.Tests.Support;

/// <summary>
/// Compares the engine's backward pass with central finite differences of a random linear functional of the
/// forward outputs, L = Σ w_S ⊙ States + Σ w_L ⊙ Last, whose gradient with respect to (States, Last) is (w_S, w_L).
/// </summary>
public static class GradientCheck
{
    private const double Step = 1e-5;
    private const double Tolerance = 1e-6;

    /// <summary>Checks dWx, dR, dBias and (when the problem has initial states and <paramref name="checkInitialStates"/>) dInitialStates.</summary>
    public static void Verify<TCell>(RnnProblem problem, int seed, bool checkInitialStates = true)
        where TCell : struct, IPointwiseCell
    {
        var rng = new Random(seed);
        var forward = problem.Forward<TCell>();
        var weightStates = Tensors.Uniform(rng, -1, 1, forward.States.Shape);
        var weightLast = Tensors.Uniform(rng, -1, 1, forward.Last.Shape);
        var gradients = CpuReference.Backward<TCell, double>(problem.Wx, problem.R, problem.Bias,
            problem.InitialStates, forward, weightStates, weightLast);

        double Loss()
        {
            var run = problem.Forward<TCell>();
            return Tensors.Dot(run.States, weightStates) + Tensors.Dot(run.Last, weightLast);
        }

        Compare("dWx", problem.Wx, gradients.DWx, Loss);
        Compare("dR", problem.R, gradients.DR, Loss);
        Compare("dBias", problem.Bias, gradients.DBias, Loss);
        if (problem.InitialStates is { } initial && checkInitialStates)
            Compare("dInitialStates", initial, gradients.DInitialStates, Loss);
    }

    private static void Compare(string name, HostTensor<double> parameter, HostTensor<double> analytic, Func<double> loss)
    {
        Assert.Equal(parameter.Shape, analytic.Shape);
        var numeric = new double[parameter.Length];
        var values = parameter.Array;
        for (int i = 0; i < values.Length; i++)
        {
            double original = values[i];
            values[i] = original + Step;
            double up = loss();
            values[i] = original - Step;
            double down = loss();
            values[i] = original;
            numeric[i] = (up - down) / (2 * Step);
        }
        // A zero gradient would pass any relative test; every gradient here must carry signal.
        Assert.True(Tensors.Norm(numeric) > 1e-3, $"{name}: the finite-difference gradient is (near) zero.");
        double error = Tensors.RelativeError(numeric, analytic.Array);
        Assert.True(error <= Tolerance, $"{name}: relative error {error:E2} against finite differences (limit {Tolerance:E0}).");
    }
}
