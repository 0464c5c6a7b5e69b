namespace FlashRnn.Gen.Language.Collections;

/// <summary>Hash combining for netstandard2.0, which has no <c>System.HashCode</c>.</summary>
internal static class HashCodes
{
    public const int Seed = 17;

    public static int Combine(int hash, int value)
    {
        unchecked
        {
            return (hash * 31) + value;
        }
    }

    public static int Combine(int a, int b, int c) => Combine(Combine(a, b), c);

    public static int Combine(int a, int b, int c, int d) => Combine(Combine(a, b, c), d);
}
