using System.Security.Cryptography;
using System.Text;
using FlashRnn.Nvrtc;

namespace FlashRnn.Cache;

/// <summary>
/// The cache key of a compilation: SHA-256 over everything that can change the compiled image (the cache file
/// format, the compiler's identity, the target, the full option list, the program name and the source), each field
/// length-prefixed so no two different inputs can run together into the same byte stream.
/// </summary>
internal static class KernelCacheKey
{
    /// <summary>The key as 64 lowercase hex digits.</summary>
    internal static string Compute(string compilerIdentity, KernelProgram program, CompileTarget target,
        IReadOnlyList<string> options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"format {KernelCacheFile.FormatVersion}");
        Append(hash, compilerIdentity);
        Append(hash, target.ToString());
        Append(hash, options.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string option in options) Append(hash, option);
        Append(hash, program.Name);
        Append(hash, program.Source);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static void Append(IncrementalHash hash, string field)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(field);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
