using FlashRnn.Cuda;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Gpu;

[Collection(GpuCollection.Name)]
public class ClusterLaunchTests(GpuFixture gpu)
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Each_block_receives_its_cluster_predecessors_write_through_distributed_shared_memory(int clusterSize)
    {
        Requires.Hopper();
        (uint[] ranks, uint[] received) = Run(clusterSize, blocks: 4 * clusterSize);
        for (int block = 0; block < ranks.Length; block++)
        {
            int rank = block % clusterSize;
            int predecessor = block - rank + (rank + clusterSize - 1) % clusterSize;
            Assert.Equal((uint)rank, ranks[block]);
            Assert.Equal((uint)predecessor, received[block]);
        }
    }

    [Fact]
    public void Cluster_occupancy_is_reported()
    {
        CudaDevice device = Requires.Hopper();
        CudaKernel kernel = gpu.Kernel(TestKernels.ClusterRing, "cluster_ring");
        var configuration = new LaunchConfiguration(16, 32) { Cluster = 4 };
        // Small CTAs share an SM, so several clusters fit per SM: the bound is every CTA slot of the device
        // (an H200 reported 248 clusters of 4 for this 32-thread kernel).
        Assert.InRange(kernel.MaxActiveClusters(configuration), 1, device.MultiprocessorCount * device.MaxBlocksPerMultiprocessor / 4);
        Assert.True(kernel.MaxPotentialClusterSize(configuration) >= 8, "the portable cluster size is 8");
        Assert.Throws<ArgumentException>("configuration", () => kernel.MaxActiveClusters(new LaunchConfiguration(16, 32)));
    }

    [Fact]
    public void A_non_portable_cluster_of_16_runs_where_the_device_allows_it()
    {
        Requires.Hopper();
        CudaKernel kernel = gpu.Kernel(TestKernels.ClusterRing, "cluster_ring");
        kernel.NonPortableClusterSizeAllowed = true;
        Assert.True(kernel.NonPortableClusterSizeAllowed);
        int largest = kernel.MaxPotentialClusterSize(new LaunchConfiguration(16, 32));
        Assert.SkipUnless(largest >= 16, $"this device's largest cluster for the kernel is {largest}");

        (uint[] ranks, uint[] received) = Run(16, blocks: 32);
        Assert.Equal(Enumerable.Range(0, 32).Select(b => (uint)(b % 16)), ranks);
        Assert.Equal(Enumerable.Range(0, 32).Select(b => (uint)(b - b % 16 + (b % 16 + 15) % 16)), received);
    }

    [Fact]
    public void A_grid_that_is_not_a_multiple_of_the_cluster_is_refused()
    {
        Requires.Hopper();
        CudaKernel kernel = gpu.Kernel(TestKernels.ClusterRing, "cluster_ring");
        using var ranks = new DeviceTensor<int>(6);
        using var received = new DeviceTensor<int>(6);
        var e = Assert.Throws<CudaException>(() => kernel.Launch(new LaunchConfiguration(6, 32) { Cluster = 4 },
            new KernelArguments().Add(ranks).Add(received)));
        Assert.Equal("cuLaunchKernelEx", e.Call);
        Assert.Contains("cluster (4, 1, 1)", e.Message);
    }

    private (uint[] Ranks, uint[] Received) Run(int clusterSize, int blocks)
    {
        CudaKernel kernel = gpu.Kernel(TestKernels.ClusterRing, "cluster_ring");
        using var ranks = new DeviceTensor<int>(blocks);
        using var received = new DeviceTensor<int>(blocks);
        ranks.Buffer.Fill(0xAB); // poison
        received.Buffer.Fill(0xAB);
        kernel.Launch(new LaunchConfiguration(blocks, 64) { Cluster = clusterSize }, new KernelArguments().Add(ranks).Add(received));
        return (ranks.ToArray().Select(v => (uint)v).ToArray(), received.ToArray().Select(v => (uint)v).ToArray());
    }
}
