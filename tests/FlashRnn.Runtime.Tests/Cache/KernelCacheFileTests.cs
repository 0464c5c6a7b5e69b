using System.Text;
using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Cache;

public class KernelCacheFileTests
{
    private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static readonly KernelImage Image = new("k.cu",
        new CompileTarget(new ComputeCapability(9, 0), KernelImageKind.Cubin, ArchSpecific: true),
        Encoding.UTF8.GetBytes("\u007FELF image bytes"), "warning: something", TimeSpan.FromMilliseconds(250));

    [Fact]
    public void An_entry_round_trips_with_every_field()
    {
        byte[] bytes = KernelCacheFile.Serialize(Key, Image);
        KernelImage? read = KernelCacheFile.Deserialize(bytes, Key, out string? problem);

        Assert.Null(problem);
        Assert.NotNull(read);
        Assert.Equal(Image.Name, read.Name);
        Assert.Equal(Image.Target, read.Target);
        Assert.Equal(Image.Log, read.Log);
        Assert.Equal(Image.CompileTime, read.CompileTime);
        Assert.Equal(Image.Data.ToArray(), read.Data.ToArray());
    }

    [Fact]
    public void Every_truncation_is_detected()
    {
        byte[] bytes = KernelCacheFile.Serialize(Key, Image);
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Null(KernelCacheFile.Deserialize(bytes.AsSpan(0, length), Key, out string? problem));
            Assert.NotNull(problem);
        }
    }

    [Fact]
    public void Every_single_byte_corruption_is_detected()
    {
        byte[] original = KernelCacheFile.Serialize(Key, Image);
        for (int i = 0; i < original.Length; i++)
        {
            byte[] corrupted = (byte[])original.Clone();
            corrupted[i] ^= 0x20;
            Assert.Null(KernelCacheFile.Deserialize(corrupted, Key, out string? problem));
            Assert.NotNull(problem);
        }
    }

    [Fact]
    public void The_reasons_name_the_defect()
    {
        byte[] bytes = KernelCacheFile.Serialize(Key, Image);
        Assert.StartsWith("truncated", Problem(bytes.AsSpan(0, 10).ToArray(), Key));
        Assert.StartsWith("truncated", Problem(bytes.AsSpan(0, bytes.Length - 1).ToArray(), Key));
        Assert.StartsWith("checksum mismatch", Problem(Flip(bytes, bytes.Length - 1), Key));
        Assert.StartsWith("not a FlashRnn kernel cache file", Problem(Flip(bytes, 0), Key));
        Assert.Equal("the file belongs to a different key", Problem(bytes, new string('f', 64)));
    }

    [Fact]
    public void Writing_replaces_the_file_atomically_and_leaves_no_temporary_files()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "sub", Key + ".kernel");
        KernelCacheFile.Write(path, Key, Image);
        KernelCacheFile.Write(path, Key, Image); // over an existing file

        Assert.NotNull(KernelCacheFile.TryRead(path, Key, out string? problem));
        Assert.Null(problem);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_missing_file_is_not_a_problem()
    {
        using var directory = new TemporaryDirectory();
        Assert.Null(KernelCacheFile.TryRead(Path.Combine(directory.Path, "none.kernel"), Key, out string? problem));
        Assert.Null(problem);
    }

    private static string? Problem(byte[] bytes, string key)
    {
        KernelCacheFile.Deserialize(bytes, key, out string? problem);
        return problem;
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= 0xFF;
        return copy;
    }
}
