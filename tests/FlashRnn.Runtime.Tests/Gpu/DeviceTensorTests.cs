using FlashRnn.Cuda;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Gpu;

[Collection(GpuCollection.Name)]
public class DeviceTensorTests(GpuFixture gpu)
{
    private static readonly TensorShape Shape = new(3, 5, 7);

    private static T[] Random<T>(Func<Random, T> next, int seed = 1234)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, (int)Shape.ElementCount).Select(_ => next(random)).ToArray();
    }

    private static void RoundTrip<T>(T[] values) where T : unmanaged
    {
        using var tensor = DeviceTensor<T>.FromSpan(values, Shape);
        Assert.Equal(Shape, tensor.Shape);
        Assert.Equal(values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), tensor.SizeInBytes);
        Assert.Equal(values, tensor.ToArray());

        var host = new HostTensor<T>(Shape);
        tensor.CopyTo(host);
        Assert.Equal(values, host.Array);

        using var copy = new DeviceTensor<T>(Shape);
        copy.CopyFrom(tensor);
        Assert.Equal(values, copy.ToHost().Array);
    }

    [Fact]
    public void Float32_round_trips() { Requires.Gpu(); RoundTrip(Random(r => (float)r.NextDouble() * 2 - 1)); }

    [Fact]
    public void Float64_round_trips() { Requires.Gpu(); RoundTrip(Random(r => r.NextDouble() * 2 - 1)); }

    [Fact]
    public void Float16_round_trips() { Requires.Gpu(); RoundTrip(Random(r => (Half)(r.NextDouble() * 2 - 1))); }

    [Fact]
    public void BFloat16_round_trips() { Requires.Gpu(); RoundTrip(Random(r => (BFloat16)(r.NextDouble() * 2 - 1))); }

    [Fact]
    public void Int32_round_trips() { Requires.Gpu(); RoundTrip(Random(r => r.Next())); }

    [Fact]
    public void A_new_tensor_is_zero_and_Clear_zeroes_it_again()
    {
        Requires.Gpu();
        using var tensor = new DeviceTensor<float>(4, 4);
        Assert.All(tensor.ToArray(), v => Assert.Equal(0f, v));
        tensor.CopyFrom(Enumerable.Repeat(3f, 16).ToArray());
        tensor.Clear();
        Assert.All(tensor.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Mismatched_shapes_and_lengths_throw_and_leave_both_sides_untouched()
    {
        Requires.Gpu();
        float[] values = Random(r => (float)r.NextDouble());
        using var tensor = DeviceTensor<float>.FromSpan(values, Shape);

        var wrongShape = new HostTensor<float>(5, 3, 7);
        wrongShape.Fill(42f);
        var e = Assert.Throws<ArgumentException>("destination", () => tensor.CopyTo(wrongShape));
        Assert.Contains("[5, 3, 7]", e.Message);
        Assert.All(wrongShape.Array, v => Assert.Equal(42f, v));

        Assert.Throws<ArgumentException>("source", () => tensor.CopyFrom(new float[values.Length - 1]));
        Assert.Throws<ArgumentException>("source", () => tensor.CopyFrom(new HostTensor<float>(3, 5, 6)));
        Assert.Throws<ArgumentException>("data", () => DeviceTensor<float>.FromSpan(new float[3], Shape));
        Assert.Equal(values, tensor.ToArray());
    }

    [Fact]
    public void Use_after_dispose_throws_ObjectDisposedException_naming_the_tensor()
    {
        Requires.Gpu();
        var tensor = new DeviceTensor<BFloat16>(2, 3);
        tensor.Dispose();
        tensor.Dispose(); // twice is fine

        Assert.True(tensor.IsDisposed);
        var e = Assert.Throws<ObjectDisposedException>(() => tensor.ToArray());
        Assert.Contains("DeviceTensor<BFloat16>[2, 3]", e.ObjectName);
        Assert.Throws<ObjectDisposedException>(() => tensor.CopyFrom(new BFloat16[6]));
        Assert.Throws<ObjectDisposedException>(() => tensor.DevicePointer);
        Assert.Throws<ObjectDisposedException>(() => new KernelArguments().Add(tensor));
    }

    [Fact]
    public void A_kernel_sees_the_host_layout_of_BFloat16_and_Half()
    {
        Requires.Gpu();
        CudaKernel negate = gpu.Kernel(TestKernels.Negate16, "negate16");
        BFloat16[] bf16 = Random(r => (BFloat16)(r.NextDouble() * 8 - 4));
        Half[] fp16 = Random(r => (Half)(r.NextDouble() * 8 - 4));

        using var bf16Tensor = DeviceTensor<BFloat16>.FromSpan(bf16, Shape);
        using var fp16Tensor = DeviceTensor<Half>.FromSpan(fp16, Shape);
        int n = (int)Shape.ElementCount;
        var configuration = new LaunchConfiguration((n + 127) / 128, 128);
        negate.Launch(configuration, new KernelArguments().Add(bf16Tensor).Add(n));
        negate.Launch(configuration, new KernelArguments().Add(fp16Tensor).Add(n));

        Assert.Equal(bf16.Select(v => (BFloat16)(-(float)v)), bf16Tensor.ToArray());
        Assert.Equal(fp16.Select(v => -v), fp16Tensor.ToArray());
    }
}
