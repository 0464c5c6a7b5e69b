using FlashRnn.Cuda;

namespace FlashRnn.Runtime.Tests.Cpu;

public class LaunchConfigurationTests
{
    [Fact]
    public void A_configuration_without_cluster_or_cooperation_is_plain()
    {
        var configuration = new LaunchConfiguration(Grid: 4, Block: 128);
        Assert.False(configuration.HasCluster);
        Assert.False(configuration.Cooperative);
        Assert.Equal(new Dim3(4, 1, 1), configuration.Grid);
        Assert.Equal("grid (4, 1, 1), block (128, 1, 1), 0 bytes of dynamic shared memory", configuration.ToString());
    }

    [Fact]
    public void Cluster_and_cooperative_settings_show_in_the_description()
    {
        var configuration = new LaunchConfiguration(8, 64, 1024) { Cluster = 4, Cooperative = true };
        Assert.True(configuration.HasCluster);
        Assert.Equal("grid (8, 1, 1), block (64, 1, 1), 1024 bytes of dynamic shared memory, cluster (4, 1, 1), cooperative",
            configuration.ToString());
        Assert.Equal(8 * 64, configuration.Grid.Volume * configuration.Block.Volume);
    }

    [Fact]
    public void Non_positive_dimensions_and_negative_shared_memory_are_refused_by_name()
    {
        Assert.Equal("Grid", Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchConfiguration(0, 32).Validate()).ParamName);
        Assert.Equal("Block", Assert.Throws<ArgumentOutOfRangeException>(() => new LaunchConfiguration(1, new Dim3(32, 0)).Validate()).ParamName);
        Assert.Equal("Cluster", Assert.Throws<ArgumentOutOfRangeException>(
            () => (new LaunchConfiguration(8, 32) { Cluster = new Dim3(2, 1, 0) }).Validate()).ParamName);
        Assert.Equal("DynamicSharedMemoryBytes", Assert.Throws<ArgumentOutOfRangeException>(
            () => new LaunchConfiguration(1, 32, -1).Validate()).ParamName);
        new LaunchConfiguration(new Dim3(2048), new Dim3(2048)).Validate(); // too large for a GPU, but the driver says so
    }

    [Fact]
    public void Compute_capabilities_compare_and_convert_from_numbers()
    {
        Assert.Equal(new ComputeCapability(9, 0), ComputeCapability.FromNumber(90));
        Assert.Equal(new ComputeCapability(12, 0), ComputeCapability.FromNumber(120));
        Assert.Equal(86, new ComputeCapability(8, 6).Number);
        Assert.True(new ComputeCapability(8, 9) < new ComputeCapability(9, 0));
        Assert.Equal("9.0", new ComputeCapability(9, 0).ToString());
        Assert.Throws<ArgumentOutOfRangeException>("number", () => ComputeCapability.FromNumber(9));
    }
}
