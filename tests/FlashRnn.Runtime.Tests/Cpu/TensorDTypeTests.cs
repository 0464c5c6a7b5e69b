namespace FlashRnn.Runtime.Tests.Cpu;

public class TensorDTypeTests
{
    [Fact]
    public void Element_types_map_to_dtypes_with_their_sizes()
    {
        Assert.Equal(TensorDType.Float32, TensorDTypes.Of<float>());
        Assert.Equal(TensorDType.BFloat16, TensorDTypes.Of<BFloat16>());
        Assert.Equal(TensorDType.Float16, TensorDTypes.Of<Half>());
        Assert.Equal(TensorDType.Float64, TensorDTypes.Of<double>());
        Assert.Equal(TensorDType.Int32, TensorDTypes.Of<int>());
        Assert.Equal(new[] { 4, 2, 2, 8, 4 }, new[] { TensorDType.Float32, TensorDType.BFloat16, TensorDType.Float16, TensorDType.Float64, TensorDType.Int32 }
            .Select(d => d.SizeOf()));
        Assert.Equal(2, System.Runtime.CompilerServices.Unsafe.SizeOf<BFloat16>());
    }

    [Fact]
    public void Unsupported_element_types_are_refused_with_the_supported_list()
    {
        Assert.Null(TensorDTypes.TryOf<long>());
        var e = Assert.Throws<NotSupportedException>(() => TensorDTypes.Of<byte>());
        Assert.Contains("Byte", e.Message);
        Assert.Contains("BFloat16", e.Message);
    }

    [Fact]
    public void Cell_dtypes_map_to_tensor_dtypes()
    {
        Assert.Equal(TensorDType.Float32, RnnDType.Float32.ToTensorDType());
        Assert.Equal(TensorDType.BFloat16, RnnDType.BFloat16.ToTensorDType());
        Assert.Equal(TensorDType.Float16, RnnDType.Float16.ToTensorDType());
    }
}
