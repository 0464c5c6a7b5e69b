using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;

namespace FlashRnn.Cache;

/// <summary>
/// One compiled kernel on disk. The header carries a magic number, a SHA-256 checksum of everything after it, the
/// total length, the key the file belongs to and the section lengths, so a truncated, corrupted or misplaced file is
/// recognised and recompiled, never loaded. Files are written to a temporary name and renamed into place, so a reader
/// in another process sees either no file or a complete one.
/// </summary>
/// <remarks>
/// Layout, little-endian: magic "FRNNKRNL" (8) | checksum (32) | format version u32 | total length i64 |
/// key (32) | kind u32 | arch major i32 | arch minor i32 | flags u32 (bit 0: arch-specific) | compile time ticks i64 |
/// name length i32 | log length i32 | image length i32 | name | log | image.
/// </remarks>
internal static class KernelCacheFile
{
    /// <summary>Changes whenever the layout does; it is also part of every key.</summary>
    internal const int FormatVersion = 1;

    internal const int HeaderSize = 120;
    private const int ChecksumOffset = 8;
    private const int ChecksummedFrom = 40;

    private static ReadOnlySpan<byte> Magic => "FRNNKRNL"u8;

    /// <summary>Writes the file atomically (temporary file, flush, rename over any existing file).</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    internal static void Write(string path, string key, KernelImage image)
    {
        byte[] bytes = Serialize(key, image);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $"{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Reads the file for <paramref name="key"/>. Returns the image, or null with <paramref name="problem"/> null when
    /// there is no file, or null with <paramref name="problem"/> saying what is wrong with the file.
    /// </summary>
    internal static KernelImage? TryRead(string path, string key, out string? problem)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = null;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"could not be read: {e.Message}";
            return null;
        }
        return Deserialize(bytes, key, out problem);
    }

    internal static byte[] Serialize(string key, KernelImage image)
    {
        byte[] name = Encoding.UTF8.GetBytes(image.Name);
        byte[] log = Encoding.UTF8.GetBytes(image.Log);
        ReadOnlySpan<byte> data = image.Data.Span;
        var bytes = new byte[HeaderSize + name.Length + log.Length + data.Length];
        Span<byte> span = bytes;

        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[44..], bytes.Length);
        Convert.FromHexString(key).CopyTo(span[52..84]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[84..], (uint)image.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(span[88..], image.Target.Architecture.Major);
        BinaryPrimitives.WriteInt32LittleEndian(span[92..], image.Target.Architecture.Minor);
        BinaryPrimitives.WriteUInt32LittleEndian(span[96..], image.Target.ArchSpecific ? 1u : 0u);
        BinaryPrimitives.WriteInt64LittleEndian(span[100..], image.CompileTime.Ticks);
        BinaryPrimitives.WriteInt32LittleEndian(span[108..], name.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[112..], log.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[116..], data.Length);
        name.CopyTo(span[HeaderSize..]);
        log.CopyTo(span[(HeaderSize + name.Length)..]);
        data.CopyTo(span[(HeaderSize + name.Length + log.Length)..]);

        SHA256.HashData(span[ChecksummedFrom..], span.Slice(ChecksumOffset, 32));
        return bytes;
    }

    internal static KernelImage? Deserialize(ReadOnlySpan<byte> bytes, string key, out string? problem)
    {
        problem = Validate(bytes, key);
        if (problem is not null) return null;

        var kind = (KernelImageKind)BinaryPrimitives.ReadUInt32LittleEndian(bytes[84..]);
        var architecture = new ComputeCapability(BinaryPrimitives.ReadInt32LittleEndian(bytes[88..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[92..]));
        bool archSpecific = (BinaryPrimitives.ReadUInt32LittleEndian(bytes[96..]) & 1) != 0;
        var compileTime = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(bytes[100..]));
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[108..]);
        int logLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[112..]);
        ReadOnlySpan<byte> sections = bytes[HeaderSize..];
        string name = Encoding.UTF8.GetString(sections[..nameLength]);
        string log = Encoding.UTF8.GetString(sections.Slice(nameLength, logLength));
        byte[] image = sections[(nameLength + logLength)..].ToArray();
        return new KernelImage(name, new CompileTarget(architecture, kind, archSpecific), image, log, compileTime);
    }

    /// <summary>What is wrong with the file, or null if it is a complete, intact entry for <paramref name="key"/>.</summary>
    private static string? Validate(ReadOnlySpan<byte> bytes, string key)
    {
        if (bytes.Length < HeaderSize)
            return $"truncated: {bytes.Length} bytes, shorter than the {HeaderSize}-byte header";
        if (!bytes[..Magic.Length].SequenceEqual(Magic))
            return "not a FlashRnn kernel cache file (wrong magic number)";
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[40..]);
        if (version != FormatVersion)
            return $"format version {version}, expected {FormatVersion}";
        long declared = BinaryPrimitives.ReadInt64LittleEndian(bytes[44..]);
        if (declared != bytes.Length)
            return $"truncated or extended: the header says {declared} bytes, the file has {bytes.Length}";
        Span<byte> checksum = stackalloc byte[32];
        SHA256.HashData(bytes[ChecksummedFrom..], checksum);
        if (!checksum.SequenceEqual(bytes.Slice(ChecksumOffset, 32)))
            return "checksum mismatch (the contents are corrupted)";
        if (!bytes[52..84].SequenceEqual(Convert.FromHexString(key)))
            return "the file belongs to a different key";
        uint kind = BinaryPrimitives.ReadUInt32LittleEndian(bytes[84..]);
        if (kind > (uint)KernelImageKind.Cubin)
            return $"unknown image kind {kind}";
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[108..]);
        int logLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[112..]);
        int imageLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[116..]);
        if (nameLength < 0 || logLength < 0 || imageLength <= 0
            || (long)nameLength + logLength + imageLength != bytes.Length - HeaderSize)
            return "section lengths do not add up to the file length";
        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: it never has the final name.
        }
    }
}
