using FlashRnn.Cuda;

namespace FlashRnn.Runtime.Tests.Cpu;

public class CudaContextSettingsTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("1", 1)]
    [InlineData(" 3 ", 3)]
    public void FLASHRNN_DEVICE_selects_the_default_ordinal(string? value, int expected)
        => Assert.Equal(expected, CudaContext.ReadDeviceVariable(value));

    [Theory]
    [InlineData("gpu1")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void A_malformed_FLASHRNN_DEVICE_is_reported_with_its_value(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => CudaContext.ReadDeviceVariable(value));
        Assert.Contains($"FLASHRNN_DEVICE='{value}'", e.Message);
    }
}
