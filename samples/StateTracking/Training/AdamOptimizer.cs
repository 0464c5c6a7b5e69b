using System.Numerics;
using StateTracking.Model;

namespace StateTracking.Training;

/// <summary>
/// Adam (Kingma and Ba) with bias-corrected moments, over a fixed list of parameters. The moments are kept in double
/// whatever the parameters' type, so a float32 model does not lose small second moments to rounding.
/// </summary>
/// <typeparam name="T">The parameters' element type.</typeparam>
internal sealed class AdamOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly double[][] _firstMoments;
    private readonly double[][] _secondMoments;
    private int _step;

    /// <summary>Creates the optimizer with zero moments.</summary>
    /// <param name="parameters">The parameters it updates.</param>
    /// <param name="beta1">Decay of the first moment (mean of the gradients).</param>
    /// <param name="beta2">Decay of the second moment (mean of the squared gradients).</param>
    /// <param name="epsilon">Added to the root of the second moment, against division by zero.</param>
    public AdamOptimizer(IReadOnlyList<Parameter<T>> parameters, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Must be in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Must be in [0, 1).");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Must be positive.");
        _parameters = parameters;
        _firstMoments = [.. parameters.Select(p => new double[p.Length])];
        _secondMoments = [.. parameters.Select(p => new double[p.Length])];
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the root of the second moment.</summary>
    public double Epsilon { get; }

    /// <summary>Updates every parameter from its current gradient.</summary>
    /// <param name="learningRate">Step size of this update.</param>
    public void Step(double learningRate)
    {
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Must be positive.");
        _step++;
        // Dividing the moments by these undoes their bias towards the zero they start from.
        double firstCorrection = 1 - Math.Pow(Beta1, _step);
        double secondCorrection = 1 - Math.Pow(Beta2, _step);
        for (int p = 0; p < _parameters.Count; p++)
        {
            Span<T> values = _parameters[p].Value.Span;
            ReadOnlySpan<T> gradients = _parameters[p].Gradient.Span;
            double[] m = _firstMoments[p], v = _secondMoments[p];
            for (int i = 0; i < values.Length; i++)
            {
                double g = double.CreateTruncating(gradients[i]);
                m[i] = Beta1 * m[i] + (1 - Beta1) * g;
                v[i] = Beta2 * v[i] + (1 - Beta2) * g * g;
                double update = learningRate * (m[i] / firstCorrection) / (Math.Sqrt(v[i] / secondCorrection) + Epsilon);
                values[i] -= T.CreateTruncating(update);
            }
        }
    }
}
