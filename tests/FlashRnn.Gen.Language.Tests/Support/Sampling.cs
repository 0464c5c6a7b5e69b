using CsCheck;

namespace FlashRnn.Gen.Language.Tests.Support;

/// <summary>
/// Runs a property over values drawn from a CsCheck generator with a fixed seed, so every run of the suite checks
/// the same values (CsCheck's own Sample draws fresh seeds after the first iteration). A failure names the sample.
/// </summary>
internal static class Sampling
{
    public static void ForAll<T>(Gen<T> generator, int count, ulong seed, Action<T> property, Func<T, string>? describe = null)
    {
        var random = new PCG(7, seed);
        for (int i = 0; i < count; i++)
        {
            T value = generator.Generate(random, null, out _);
            try
            {
                property(value);
            }
            catch (Exception exception)
            {
                string shown = describe is null ? value?.ToString() ?? "null" : describe(value);
                Assert.Fail($"Sample {i} of {count} (seed {seed}) failed:\n{shown}\n{exception}");
            }
        }
    }
}
