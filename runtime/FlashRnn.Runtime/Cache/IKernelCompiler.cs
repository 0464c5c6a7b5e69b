using FlashRnn.Nvrtc;

namespace FlashRnn.Cache;

/// <summary>
/// What the kernel cache needs from a compiler. NVRTC in production; tests substitute a wrapper to change the
/// identity (as an NVRTC upgrade would) or to count compilations.
/// </summary>
internal interface IKernelCompiler
{
    /// <summary>Names the compiler and its exact version; part of every cache key.</summary>
    string Identity { get; }

    /// <summary>The options <see cref="Compile"/> passes for this program and target; part of the cache key.</summary>
    IReadOnlyList<string> Options(KernelProgram program, CompileTarget target);

    /// <summary>Compiles the program.</summary>
    KernelImage Compile(KernelProgram program, CompileTarget target);
}

/// <summary>The production compiler: NVRTC.</summary>
internal sealed class NvrtcKernelCompiler : IKernelCompiler
{
    internal static readonly NvrtcKernelCompiler Instance = new();

    public string Identity => NvrtcCompiler.Identity;

    public IReadOnlyList<string> Options(KernelProgram program, CompileTarget target) => NvrtcCompiler.BuildOptions(program, target);

    public KernelImage Compile(KernelProgram program, CompileTarget target) => NvrtcCompiler.Compile(program, target);
}
