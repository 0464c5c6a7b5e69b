using System.Numerics;
using StateTracking.Model;

namespace StateTracking.Training;

/// <summary>
/// Clipping by global norm: when the gradients of all parameters together are longer than a limit, they are scaled
/// down to it, keeping their direction. Recurrent networks need it: a rare batch can send the gradient through a
/// near-unstable stretch of the recurrence and make it explode.
/// </summary>
internal static class GradientClipping
{
    /// <summary>Scales the gradients so that their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    /// <param name="parameters">The parameters whose gradients are clipped together.</param>
    /// <param name="maxNorm">The largest norm let through.</param>
    /// <returns>The global norm before clipping (useful to log).</returns>
    public static double ClipGlobalNorm<T>(IReadOnlyList<Parameter<T>> parameters, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Must be positive.");
        double sumOfSquares = 0;
        foreach (Parameter<T> parameter in parameters)
            foreach (T g in parameter.Gradient.Span)
            {
                double x = double.CreateTruncating(g);
                sumOfSquares += x * x;
            }
        double norm = Math.Sqrt(sumOfSquares);
        if (norm > maxNorm)
        {
            T scale = T.CreateTruncating(maxNorm / norm);
            foreach (Parameter<T> parameter in parameters)
                foreach (ref T g in parameter.Gradient.Span)
                    g *= scale;
        }
        return norm;
    }
}
