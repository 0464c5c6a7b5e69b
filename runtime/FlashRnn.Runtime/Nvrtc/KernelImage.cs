using System.Text;

namespace FlashRnn.Nvrtc;

/// <summary>The result of compiling a <see cref="KernelProgram"/>: PTX text or a CUBIN, ready for <see cref="Cuda.CudaModule.Load(KernelImage, Cuda.CudaContext?)"/>.</summary>
public sealed class KernelImage
{
    private readonly byte[] _data;

    internal KernelImage(string name, CompileTarget target, byte[] data, string log, TimeSpan compileTime)
    {
        Name = name;
        Target = target;
        _data = data;
        Log = log;
        CompileTime = compileTime;
    }

    /// <summary>The program's name.</summary>
    public string Name { get; }

    /// <summary>What it was compiled for.</summary>
    public CompileTarget Target { get; }

    /// <summary>PTX or CUBIN.</summary>
    public KernelImageKind Kind => Target.Kind;

    /// <summary>The image bytes (PTX includes its terminating NUL, as NVRTC returns it).</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>NVRTC's log (warnings); empty when it had nothing to say.</summary>
    public string Log { get; }

    /// <summary>How long NVRTC took (for an image read from the disk cache: how long it took when it was compiled).</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>The PTX as text (without the terminating NUL), or <see langword="null"/> for a CUBIN.</summary>
    public string? PtxText => Kind == KernelImageKind.Ptx ? Encoding.UTF8.GetString(_data).TrimEnd('\0') : null;

    /// <inheritdoc/>
    public override string ToString() => $"KernelImage '{Name}' ({Target}, {_data.Length} bytes)";
}
