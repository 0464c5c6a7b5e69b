using System.Text;
using FlashRnn.Cache;
using FlashRnn.Nvrtc;

namespace FlashRnn.Runtime.Tests.Cache;

/// <summary>
/// A stand-in compiler for cache tests that need no NVRTC: deterministic "PTX" made of the options and the source,
/// an identity the test can change (as an NVRTC upgrade would), a compile counter, and failures on request.
/// </summary>
internal sealed class FakeCompiler(string identity = "Fake NVRTC 1.0") : IKernelCompiler
{
    private int _compilations;

    public string Identity { get; set; } = identity;

    public int Compilations => Volatile.Read(ref _compilations);

    public Func<KernelProgram, Exception?> FailWith { get; set; } = _ => null;

    /// <summary>Runs at the start of every compilation, on the compiling thread (to hold compilations open).</summary>
    public Action<KernelProgram> OnCompile { get; set; } = _ => { };

    public IReadOnlyList<string> Options(KernelProgram program, CompileTarget target) => NvrtcCompiler.BuildOptions(program, target);

    public KernelImage Compile(KernelProgram program, CompileTarget target)
    {
        Interlocked.Increment(ref _compilations);
        OnCompile(program);
        if (FailWith(program) is { } failure) throw failure;
        string text = $"// {Identity}\n// {string.Join(' ', Options(program, target))}\n{program.Source}\0";
        return new KernelImage(program.Name, target, Encoding.UTF8.GetBytes(text), "a warning", TimeSpan.FromMilliseconds(123));
    }
}
