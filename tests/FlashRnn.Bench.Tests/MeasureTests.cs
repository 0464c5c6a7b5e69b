using FlashRnn.Bench.Sweep;
using FlashRnn.Bench.Measure;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Tests;

public class MeasureTests
{
    [Fact]
    public void Statistics_of_an_odd_count()
    {
        SampleStatistics s = SampleStatistics.Of([5.0, 1.0, 3.0, 2.0, 4.0]);
        Assert.Equal((5, 1.0, 3.0, 5.0, 3.0), (s.Count, s.Min, s.Median, s.Max, s.Mean));
        Assert.Equal(1.4, s.P10, 12); // numpy.percentile([1..5], 10) = 1.4
        Assert.Equal(4.6, s.P90, 12);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, SampleStatistics.Of([4.0, 1.0, 3.0, 2.0]).Median, 12);
        Assert.Equal(7.0, SampleStatistics.Of([7.0]).P90);
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        double[] sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110];
        Assert.Equal(10, SampleStatistics.Percentile(sorted, 0));
        Assert.Equal(20, SampleStatistics.Percentile(sorted, 10), 12);
        Assert.Equal(105, SampleStatistics.Percentile(sorted, 95), 12);
        Assert.Equal(110, SampleStatistics.Percentile(sorted, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStatistics.Percentile(sorted, 101));
    }

    [Fact]
    public void Statistics_refuse_nothing_and_non_numbers()
    {
        Assert.Throws<ArgumentException>(() => SampleStatistics.Of([]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.Of([1.0, double.NaN]));
    }

    [Fact]
    public void Relative_error_is_normwise_and_fails_on_non_finite_values()
    {
        Assert.Equal(0.1, ErrorBounds.RelativeError([1.1, 0.0], [1.0, 0.0]), 12);
        Assert.Equal(Math.Sqrt(0.02 / 2), ErrorBounds.RelativeError([1.1, 0.9], [1.0, 1.0]), 12);
        Assert.True(double.IsNaN(ErrorBounds.RelativeError([double.NaN, 1.0], [1.0, 1.0])));
        Assert.True(double.IsNaN(ErrorBounds.RelativeError([double.PositiveInfinity], [1.0])));
        Assert.Equal(0.5, ErrorBounds.RelativeError([0.3, 0.4], [0.0, 0.0]), 12); // all-zero reference: absolute
        Assert.Throws<ArgumentException>(() => ErrorBounds.RelativeError([1.0], [1.0, 2.0]));
    }

    [Fact]
    public void A_NaN_never_passes_a_check()
    {
        Assert.False(new TensorError("states", double.NaN, 1.0).Passed);
        Assert.True(new TensorError("states", 0.01, 0.03).Passed);
        Assert.False(new TensorError("states", 0.04, 0.03).Passed);
    }

    [Fact]
    public void Bounds_follow_the_precision_of_each_path()
    {
        // 3xTF32 (fp32) is float32-accurate; single TF32 products (tf32) are not, and 16-bit storage rounds more.
        Assert.True(ErrorBounds.Forward(BenchDType.FP32, KernelKind.Fused) < ErrorBounds.Forward(BenchDType.TF32, KernelKind.Fused));
        Assert.True(ErrorBounds.Forward(BenchDType.FP32, KernelKind.Fused) <= ErrorBounds.Forward(BenchDType.FP32, KernelKind.Alternating));
        Assert.True(ErrorBounds.Forward(BenchDType.TF32, KernelKind.Fused) < ErrorBounds.Forward(BenchDType.FP16, KernelKind.Fused));
        Assert.True(ErrorBounds.Forward(BenchDType.FP16, KernelKind.Fused) < ErrorBounds.Forward(BenchDType.BF16, KernelKind.Fused));
        // The alternating kernels multiply float32 with FMAs whatever Float32Products says.
        Assert.Equal(ErrorBounds.Forward(BenchDType.FP32, KernelKind.Alternating), ErrorBounds.Forward(BenchDType.TF32, KernelKind.Alternating));
        foreach (BenchDType dtype in new[] { BenchDType.BF16, BenchDType.FP16, BenchDType.FP32, BenchDType.TF32 })
            Assert.True(ErrorBounds.Gradient(dtype, KernelKind.Fused) >= ErrorBounds.Forward(dtype, KernelKind.Fused));
    }

    [Fact]
    public void Stored_values_round_to_the_dtype_and_convert_back_exactly()
    {
        Assert.Equal(1.0 + 1.0 / 128, StorageValues.ToDouble(StorageValues.From<BFloat16>(1.0 + 1.0 / 128 + 1e-4)));
        Assert.Equal((double)(float)0.1, StorageValues.ToDouble(StorageValues.From<float>(0.1)));
        Assert.Equal((double)(Half)0.1, StorageValues.ToDouble(StorageValues.From<Half>(0.1)));
        Assert.Throws<NotSupportedException>(() => StorageValues.From<double>(1.0));
    }

    [Fact]
    public void Exact_random_values_are_in_range_and_their_reference_is_the_stored_value()
    {
        var (reference, storage) = RandomValues.Exact<BFloat16>(new Random(3), 0.5, 4, 5);
        Assert.Equal(20, storage.Length);
        for (int i = 0; i < storage.Length; i++)
        {
            Assert.Equal(StorageValues.ToDouble(storage[i]), reference.Span[i]);
            Assert.InRange(reference.Span[i], -0.5, 0.5);
        }
        Assert.True(reference.Span.ToArray().Distinct().Count() > 10, "random values must not repeat much");
    }
}

public class HangWatchdogTests
{
    [Fact]
    public void Reports_work_that_outlives_its_limit_once()
    {
        var hung = new List<string>();
        using var watchdog = new HangWatchdog(TimeSpan.FromMilliseconds(100), what => { lock (hung) hung.Add(what); });
        watchdog.Enter("quick");
        watchdog.Leave();
        watchdog.Enter("stuck");
        // The watchdog's timer runs on the thread pool, which a loaded CI machine may starve for a while: wait for
        // the report with a generous deadline, then a few more periods to see that it is not repeated.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            lock (hung) if (hung.Count > 0) break;
            Thread.Sleep(20);
        }
        Thread.Sleep(500);
        lock (hung) Assert.Equal(["stuck"], hung);
    }
}
