using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Gpu;

/// <summary>
/// GPU tests run one at a time: a cooperative launch must find the SMs free, graph capture must not meet another
/// test's synchronous copies, and timings stay meaningful.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GpuCollection : ICollectionFixture<GpuFixture>
{
    public const string Name = "GPU";
}

/// <summary>A kernel cache in a private folder, shared by the GPU tests. Touches no CUDA until a test asks for a kernel.</summary>
public sealed class GpuFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public GpuFixture() => Cache = new KernelCache(_directory.Path);

    public KernelCache Cache { get; }

    public CudaKernel Kernel(KernelProgram program, string entryPoint) => Cache.GetKernel(program, entryPoint);

    public void Dispose()
    {
        if (CudaDevice.IsAvailable) Cache.UnloadModules();
        _directory.Dispose();
    }
}
