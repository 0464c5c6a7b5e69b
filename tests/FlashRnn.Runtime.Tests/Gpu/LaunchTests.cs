using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Gpu;

[Collection(GpuCollection.Name)]
public class LaunchTests(GpuFixture gpu)
{
    private static (float[] A, float[] B) Inputs(int n)
    {
        var random = new Random(42);
        return (Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray(),
                Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray());
    }

    [Fact]
    public void Vector_add_computes_every_element_including_a_partial_last_block()
    {
        Requires.Gpu();
        const int n = 1000;
        var (a, b) = Inputs(n);
        using var da = DeviceTensor<float>.FromSpan(a, new TensorShape(n));
        using var db = DeviceTensor<float>.FromSpan(b, new TensorShape(n));
        using var dc = new DeviceTensor<float>(n);
        dc.CopyFrom(Enumerable.Repeat(float.NaN, n).ToArray()); // poison: every element must be written

        CudaKernel kernel = gpu.Kernel(TestKernels.VectorAdd, "vector_add");
        kernel.Launch(new LaunchConfiguration((n + 255) / 256, 256), new KernelArguments().Add(da).Add(db).Add(dc).Add(n));

        Assert.Equal(a.Zip(b, (x, y) => x + y), dc.ToArray());
    }

    [Fact]
    public void The_same_arguments_object_can_be_refilled_between_launches_on_a_stream()
    {
        Requires.Gpu();
        const int n = 64;
        var (a, b) = Inputs(n);
        using var da = DeviceTensor<float>.FromSpan(a, new TensorShape(n));
        using var db = DeviceTensor<float>.FromSpan(b, new TensorShape(n));
        using var dc = new DeviceTensor<float>(n);
        using var stream = new CudaStream();
        CudaKernel kernel = gpu.Kernel(TestKernels.VectorAdd, "vector_add");
        var arguments = new KernelArguments();

        kernel.Launch(new LaunchConfiguration(1, n), arguments.Clear().Add(da).Add(db).Add(dc).Add(n), stream);
        kernel.Launch(new LaunchConfiguration(1, n), arguments.Clear().Add(dc).Add(db).Add(dc).Add(n), stream);
        stream.Synchronize();

        Assert.Equal(a.Zip(b, (x, y) => x + y + y), dc.ToArray());
    }

    [Fact]
    public void A_bad_launch_configuration_raises_CudaException_with_the_call_code_and_configuration()
    {
        Requires.Gpu();
        CudaKernel kernel = gpu.Kernel(TestKernels.VectorAdd, "vector_add");
        using var buffer = new DeviceTensor<float>(16);

        var e = Assert.Throws<CudaException>(() => kernel.Launch(new LaunchConfiguration(1, 2048),
            new KernelArguments().Add(buffer).Add(buffer).Add(buffer).Add(16)));

        Assert.Equal("cuLaunchKernel", e.Call);
        Assert.Equal(CudaError.InvalidValue, e.Error);
        Assert.Equal("CUDA_ERROR_INVALID_VALUE", e.ErrorName);
        Assert.Contains("vector_add", e.Message);
        Assert.Contains("block (2048, 1, 1)", e.Message);

        // The error is not sticky: the context still works.
        kernel.Launch(new LaunchConfiguration(1, 16), new KernelArguments().Add(buffer).Add(buffer).Add(buffer).Add(16));
        CudaContext.Default.Synchronize();
    }

    [Fact]
    public void Too_much_dynamic_shared_memory_is_refused_until_the_kernel_opts_in()
    {
        CudaDevice device = Requires.Gpu();
        CudaKernel kernel = gpu.Kernel(TestKernels.AddOne, "add_one");
        using var x = new DeviceTensor<int>(32);
        int large = device.SharedMemoryPerBlockOptIn - kernel.StaticSharedMemoryBytes;
        Assert.SkipUnless(large > device.SharedMemoryPerBlock, $"{device.Name} has no opt-in shared memory above the default");
        var configuration = new LaunchConfiguration(1, 32, large);

        Assert.Throws<CudaException>(() => kernel.Launch(configuration, new KernelArguments().Add(x).Add(32)));
        // The occupancy query agrees: such a block fits nowhere until the kernel opts in (the fused runtime sets the
        // attribute before it asks whether a cooperative grid is resident).
        Assert.Equal(0, kernel.MaxActiveBlocksPerMultiprocessor(32, large));
        kernel.MaxDynamicSharedMemoryBytes = large;
        Assert.Equal(large, kernel.MaxDynamicSharedMemoryBytes);
        Assert.True(kernel.MaxActiveBlocksPerMultiprocessor(32, large) >= 1);
        kernel.Launch(configuration, new KernelArguments().Add(x).Add(32));
        Assert.All(x.ToArray(), v => Assert.Equal(1, v));
    }

    [Fact]
    public void Kernel_attributes_and_occupancy_are_reported()
    {
        CudaDevice device = Requires.Gpu();
        CudaKernel kernel = gpu.Kernel(TestKernels.VectorAdd, "vector_add");
        Assert.InRange(kernel.RegistersPerThread, 1, 255);
        Assert.InRange(kernel.MaxThreadsPerBlock, 1, 1024);
        Assert.Equal(0, kernel.StaticSharedMemoryBytes);
        Assert.Equal(0, kernel.LocalMemoryBytes);
        Assert.True(kernel.PtxVersion > 0 && kernel.BinaryVersion > 0);
        Assert.InRange(kernel.MaxActiveBlocksPerMultiprocessor(256), 1, device.MaxBlocksPerMultiprocessor);
    }

    [Fact]
    public void The_cache_compiles_for_the_device_and_answers_later_requests_from_memory()
    {
        CudaDevice device = Requires.Gpu();
        using var directory = new TemporaryDirectory();
        var cache = new KernelCache(directory.Path);
        var events = new List<KernelCacheEventArgs>();
        cache.KernelResolved += (_, e) => events.Add(e);

        CudaKernel first = cache.GetKernel(TestKernels.AddOne, "add_one");
        CudaKernel second = cache.GetKernel(TestKernels.AddOne, "add_one");

        Assert.Same(first, second);
        KernelCacheEventArgs compiled = Assert.Single(events);
        Assert.Equal(KernelCacheSource.Compiled, compiled.Source);
        Assert.Equal(CompileTarget.ForDevice(device), compiled.Target);
        Assert.Equal(compiled.Target.Kind == KernelImageKind.Ptx, compiled.Note is not null);
        Assert.True(compiled.CompileTime > TimeSpan.Zero);
        cache.UnloadModules();
        Assert.Throws<ObjectDisposedException>(() => first.RegistersPerThread);
    }

    [Fact]
    public void PTX_is_JIT_compiled_by_the_driver()
    {
        CudaDevice device = Requires.Gpu();
        KernelImage ptx = NvrtcCompiler.Compile(TestKernels.AddOne, CompileTarget.Ptx(
            CompileTarget.ForDevice(device).Architecture));
        using CudaModule module = CudaModule.Load(ptx);
        using var x = new DeviceTensor<int>(10);
        module.GetKernel("add_one").Launch(new LaunchConfiguration(1, 32), new KernelArguments().Add(x).Add(10));
        Assert.All(x.ToArray(), v => Assert.Equal(1, v));
    }

    [Fact]
    public void A_missing_kernel_name_is_reported_with_the_module()
    {
        Requires.Gpu();
        CudaModule module = gpu.Kernel(TestKernels.AddOne, "add_one").Module;
        var e = Assert.Throws<CudaException>(() => module.GetKernel("add_two"));
        Assert.Equal(CudaError.NotFound, e.Error);
        Assert.Contains("add_two", e.Message);
        Assert.Contains("add_one.cu", e.Message);
    }

    [Fact]
    public void A_disposed_module_or_stream_throws_ObjectDisposedException()
    {
        Requires.Gpu();
        KernelImage image = NvrtcCompiler.Compile(TestKernels.AddOne, CompileTarget.ForDevice(CudaContext.Default.Device));
        CudaModule module = CudaModule.Load(image);
        CudaKernel kernel = module.GetKernel("add_one");
        using var x = new DeviceTensor<int>(4);
        var stream = new CudaStream();
        stream.Dispose();

        var streamError = Assert.Throws<ObjectDisposedException>(
            () => kernel.Launch(new LaunchConfiguration(1, 4), new KernelArguments().Add(x).Add(4), stream));
        Assert.Contains("CudaStream", streamError.ObjectName);

        module.Dispose();
        var moduleError = Assert.Throws<ObjectDisposedException>(
            () => kernel.Launch(new LaunchConfiguration(1, 4), new KernelArguments().Add(x).Add(4)));
        Assert.Contains("add_one", moduleError.ObjectName);
        Assert.Throws<ObjectDisposedException>(() => module.GetKernel("add_one"));
    }

    [Fact]
    public void A_cooperative_launch_keeps_the_whole_grid_resident()
    {
        CudaDevice device = Requires.Gpu();
        CudaKernel kernel = gpu.Kernel(TestKernels.GridRendezvous, "grid_rendezvous");
        int blocks = device.MultiprocessorCount * 2;
        using var arrived = new DeviceTensor<int>(1);
        using var seen = new DeviceTensor<int>(blocks);

        kernel.Launch(new LaunchConfiguration(blocks, 32) { Cooperative = true }, new KernelArguments().Add(arrived).Add(seen));

        Assert.All(seen.ToArray(), count => Assert.Equal(blocks, count));
    }

    [Fact]
    public void A_cooperative_grid_larger_than_the_device_is_refused()
    {
        CudaDevice device = Requires.Gpu();
        CudaKernel kernel = gpu.Kernel(TestKernels.GridRendezvous, "grid_rendezvous");
        int resident = kernel.MaxActiveBlocksPerMultiprocessor(1024) * device.MultiprocessorCount;
        using var arrived = new DeviceTensor<int>(1);
        using var seen = new DeviceTensor<int>(resident + 1);

        var e = Assert.Throws<CudaException>(() => kernel.Launch(
            new LaunchConfiguration(resident + 1, 1024) { Cooperative = true }, new KernelArguments().Add(arrived).Add(seen)));

        Assert.Equal("cuLaunchCooperativeKernel", e.Call);
        Assert.Equal(CudaError.CooperativeLaunchTooLarge, e.Error);
    }
}
