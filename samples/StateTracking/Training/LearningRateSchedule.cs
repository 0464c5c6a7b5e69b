namespace StateTracking.Training;

/// <summary>
/// Linear warm-up over the first tenth of the run (at most 100 steps), then a cosine decay to a tenth of the peak.
/// The warm-up keeps Adam's first, noisy second-moment estimates from taking large steps; the decay lets the
/// weights settle into the saturated regime that keeps the state exact over long sequences.
/// </summary>
internal static class LearningRateSchedule
{
    private const double FinalFraction = 0.1;

    /// <summary>The learning rate of step <paramref name="step"/> (1-based) of <paramref name="totalSteps"/>.</summary>
    public static double At(int step, int totalSteps, double peak)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        if (step < 1 || step > totalSteps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Must be in [1, {totalSteps}].");
        int warmup = Math.Min(100, Math.Max(1, totalSteps / 10));
        if (step <= warmup) return peak * step / warmup;
        double progress = (double)(step - warmup) / Math.Max(1, totalSteps - warmup);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return peak * (FinalFraction + (1 - FinalFraction) * cosine);
    }
}
