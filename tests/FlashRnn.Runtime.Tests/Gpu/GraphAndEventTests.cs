using FlashRnn.Cuda;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Gpu;

[Collection(GpuCollection.Name)]
public class GraphAndEventTests(GpuFixture gpu)
{
    private const int N = 1000;

    [Fact]
    public void A_captured_graph_replays_its_launches()
    {
        Requires.Gpu();
        CudaKernel addOne = gpu.Kernel(TestKernels.AddOne, "add_one");
        using var x = new DeviceTensor<int>(N);
        using var stream = new CudaStream();
        var configuration = new LaunchConfiguration((N + 255) / 256, 256);
        var arguments = new KernelArguments().Add(x).Add(N);

        using CudaGraph graph = stream.Capture(s =>
        {
            for (int i = 0; i < 3; i++) addOne.Launch(configuration, arguments, s);
        });
        stream.Synchronize();
        Assert.All(x.ToArray(), v => Assert.Equal(0, v)); // capturing records, it does not run

        using CudaGraphExec exec = graph.Instantiate();
        for (int replay = 0; replay < 5; replay++) exec.Launch(stream);
        stream.Synchronize();

        Assert.All(x.ToArray(), v => Assert.Equal(15, v));
    }

    [Fact]
    public void A_capture_whose_recording_throws_leaves_the_stream_usable()
    {
        Requires.Gpu();
        using var stream = new CudaStream();
        Assert.Throws<InvalidOperationException>(() => stream.Capture(_ => throw new InvalidOperationException("recording failed")));
        Assert.False(stream.IsCapturing);

        using var x = new DeviceTensor<int>(N);
        gpu.Kernel(TestKernels.AddOne, "add_one").Launch(new LaunchConfiguration((N + 255) / 256, 256), new KernelArguments().Add(x).Add(N), stream);
        stream.Synchronize();
        Assert.All(x.ToArray(), v => Assert.Equal(1, v));
    }

    [Fact]
    public void Events_time_work_on_a_stream()
    {
        Requires.Gpu();
        CudaKernel addOne = gpu.Kernel(TestKernels.AddOne, "add_one");
        using var x = new DeviceTensor<int>(N);
        using var stream = new CudaStream();
        using var start = new CudaEvent();
        using var end = new CudaEvent();
        var arguments = new KernelArguments().Add(x).Add(N);

        start.Record(stream);
        for (int i = 0; i < 100; i++) addOne.Launch(new LaunchConfiguration((N + 255) / 256, 256), arguments, stream);
        end.Record(stream);
        end.Synchronize();

        Assert.True(end.IsComplete);
        float milliseconds = CudaEvent.ElapsedMilliseconds(start, end);
        Assert.InRange(milliseconds, 1e-4f, 10_000f);
        Assert.All(x.ToArray(), v => Assert.Equal(100, v));
    }

    [Fact]
    public void A_stream_can_wait_for_an_event_of_another_stream()
    {
        Requires.Gpu();
        CudaKernel addOne = gpu.Kernel(TestKernels.AddOne, "add_one");
        using var x = new DeviceTensor<int>(N);
        using var first = new CudaStream(nonBlocking: true);
        using var second = new CudaStream(nonBlocking: true);
        using var done = new CudaEvent(enableTiming: false);
        var configuration = new LaunchConfiguration((N + 255) / 256, 256);
        var arguments = new KernelArguments().Add(x).Add(N);

        addOne.Launch(configuration, arguments, first);
        done.Record(first);
        second.Wait(done);
        addOne.Launch(configuration, arguments, second);
        second.Synchronize();

        Assert.All(x.ToArray(), v => Assert.Equal(2, v));
    }

    [Fact]
    public void Timing_a_disabled_event_is_an_error()
    {
        Requires.Gpu();
        using var start = new CudaEvent(enableTiming: false);
        using var end = new CudaEvent(enableTiming: false);
        start.Record();
        end.Record();
        end.Synchronize();
        var e = Assert.Throws<CudaException>(() => CudaEvent.ElapsedMilliseconds(start, end));
        Assert.Equal("cuEventElapsedTime", e.Call);
    }
}
