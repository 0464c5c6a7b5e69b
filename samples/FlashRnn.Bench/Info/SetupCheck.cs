using FlashRnn.Cache;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using Spectre.Console;

namespace FlashRnn.Bench.Info;

/// <summary>
/// <c>info --check</c>: compiles a vector-add kernel through the default kernel cache (showing whether NVRTC ran or
/// the disk answered, and how long it took) and, when a GPU is present, launches it and verifies the result.
/// </summary>
internal static class SetupCheck
{
    private static readonly KernelProgram VectorAdd = new("flashrnn_check_vector_add.cu", """
        extern "C" __global__ void vector_add(const float* a, const float* b, float* c, int n)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) c[i] = a[i] + b[i];
        }
        """);

    public static bool Run()
    {
        KernelCache cache = KernelCache.Default;
        cache.KernelResolved += (_, e) => AnsiConsole.MarkupLine($"[green]compile:[/] {Markup.Escape(e.ToString())}");
        try
        {
            if (!CudaDevice.IsAvailable)
            {
                // Without a device, NVRTC can still be checked: PTX for a common architecture.
                cache.GetOrCompile(VectorAdd, CompileTarget.Ptx(new ComputeCapability(8, 0)));
                AnsiConsole.MarkupLine("[yellow]launch:[/] skipped, no CUDA device");
                return true;
            }
            return Launch(cache.GetKernel(VectorAdd, "vector_add"));
        }
        catch (Exception e) when (e is NvrtcException or CudaException or Native.NativeLibraryNotFoundException or NotSupportedException)
        {
            AnsiConsole.MarkupLine($"[red]check failed:[/] {Markup.Escape(e.Message)}");
            return false;
        }
    }

    private static bool Launch(CudaKernel kernel)
    {
        const int n = 1 << 20;
        float[] a = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        float[] b = Enumerable.Range(0, n).Select(i => 0.5f * i).ToArray();
        using var da = DeviceTensor<float>.FromSpan(a, new TensorShape(n));
        using var db = DeviceTensor<float>.FromSpan(b, new TensorShape(n));
        using var dc = new DeviceTensor<float>(n);
        using var start = new CudaEvent();
        using var end = new CudaEvent();

        start.Record();
        kernel.Launch(new LaunchConfiguration((n + 255) / 256, 256), new KernelArguments().Add(da).Add(db).Add(dc).Add(n));
        end.Record();
        end.Synchronize();
        float[] c = dc.ToArray();
        int wrong = Enumerable.Range(0, n).Count(i => c[i] != a[i] + b[i]);

        string where = $"{kernel.Context.Device.Name}, {CudaEvent.ElapsedMilliseconds(start, end):F3} ms for {n:N0} elements";
        if (wrong == 0) AnsiConsole.MarkupLine($"[green]launch:[/] vector_add correct ({Markup.Escape(where)})");
        else AnsiConsole.MarkupLine($"[red]launch:[/] vector_add wrong in {wrong} of {n} elements ({Markup.Escape(where)})");
        return wrong == 0;
    }
}
