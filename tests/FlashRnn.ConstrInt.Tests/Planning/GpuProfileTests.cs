using FlashRnn.Planning;

namespace FlashRnn.ConstrInt.Tests.Planning;

public sealed class GpuProfileTests
{
    [Theory]
    [InlineData("h100", "h100")]
    [InlineData("H100", "h100")]
    [InlineData(" h100-sxm5 ", "h100")]
    [InlineData("A100", "a100")]
    [InlineData("a100-sxm4", "a100")]
    [InlineData("h200", "h200")]
    [InlineData("RTX4090", "rtx4090")]
    [InlineData("4090", "rtx4090")]
    [InlineData("l4", "l4")]
    [InlineData("A10", "a10")]
    public void Finds_profiles_by_id_or_alias_ignoring_case(string name, string id)
    {
        Assert.True(GpuProfiles.TryGet(name, out GpuProfile profile));
        Assert.Equal(id, profile.Id);
        Assert.Same(profile, GpuProfiles.Get(name));
    }

    [Fact]
    public void Unknown_names_are_reported_not_thrown_by_the_list_parser()
    {
        GpuProfileSelection selection = GpuProfiles.ParseTargetList("h100; H300 ,a100;;  v100");

        Assert.False(selection.Succeeded);
        Assert.Equal(["h100", "a100"], selection.Profiles.Select(p => p.Id));
        Assert.Equal(2, selection.Errors.Count);
        Assert.Equal("Unknown GPU 'H300' in FlashRnnTargetGpus: use one or more of a100, a10, l4, rtx4090, h100, h200 (or 'all'), separated by ';'.", selection.Errors[0]);
        Assert.Contains("'v100'", selection.Errors[1]);
        Assert.Contains("a100, a10, l4", Assert.Throws<ArgumentException>(() => GpuProfiles.Get("h300")).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ; , ")]
    [InlineData("all")]
    [InlineData("ALL;h100")]
    public void Empty_lists_and_all_select_every_profile(string? value)
    {
        GpuProfileSelection selection = GpuProfiles.ParseTargetList(value);

        Assert.True(selection.Succeeded);
        Assert.Equal(GpuProfiles.All, selection.Profiles);
        Assert.Equal(["a100", "a10", "l4", "rtx4090", "h100", "h200"], GpuProfiles.Default.Select(p => p.Id));
    }

    [Fact]
    public void Lists_keep_first_mention_order_without_duplicates()
    {
        GpuProfileSelection selection = GpuProfiles.ParseTargetList("l4,h100;L4;h100-sxm");

        Assert.True(selection.Succeeded);
        Assert.Equal(["l4", "h100"], selection.Profiles.Select(p => p.Id));
    }

    [Fact]
    public void Built_in_profiles_are_self_consistent()
    {
        foreach (GpuProfile profile in GpuProfiles.All)
        {
            Assert.Equal(profile.SharedMemoryPerMultiprocessor - profile.ReservedSharedMemoryPerBlock, profile.SharedMemoryPerBlockOptIn);
            Assert.Equal(255, profile.MaxRegistersPerThread);
            Assert.Equal(65536, profile.RegistersPerMultiprocessor);
            Assert.Equal(profile.ComputeCapabilityMajor >= 9, profile.SupportsClusters);
            Assert.Matches("^sm_[89][0-9]$", profile.Architecture);
        }

        Assert.Equal((132, 232448, 16, "sm_90"), (GpuProfiles.H100.MultiprocessorCount, GpuProfiles.H100.SharedMemoryPerBlockOptIn, GpuProfiles.H100.MaxClusterSize, GpuProfiles.H100.Architecture));
        Assert.Equal((108, 166912), (GpuProfiles.A100.MultiprocessorCount, GpuProfiles.A100.SharedMemoryPerBlockOptIn));
        Assert.Equal((58, 101376, 1536), (GpuProfiles.L4.MultiprocessorCount, GpuProfiles.L4.SharedMemoryPerBlockOptIn, GpuProfiles.L4.MaxThreadsPerMultiprocessor));
    }

    [Fact]
    public void Device_properties_of_an_H100_match_the_built_in_profile()
    {
        var properties = new DeviceProperties
        {
            Name = "NVIDIA H100 80GB HBM3",
            ComputeCapabilityMajor = 9,
            ComputeCapabilityMinor = 0,
            MultiprocessorCount = 132,
            MaxRegistersPerMultiprocessor = 65536,
            MaxRegistersPerBlock = 65536,
            MaxSharedMemoryPerMultiprocessor = 233472,
            MaxSharedMemoryPerBlockOptIn = 232448,
            ReservedSharedMemoryPerBlock = 1024,
            MaxThreadsPerBlock = 1024,
            MaxThreadsPerMultiprocessor = 2048,
            MaxBlocksPerMultiprocessor = 32,
            L2CacheBytes = 52428800,
            ClockRateKHz = 1980000,
            ClusterLaunch = true,
        };

        GpuProfile device = GpuProfile.FromDeviceProperties(properties);

        Assert.Equal("sm90-132sm", device.Id);
        Assert.Equal((8, 16, 1980, 1024), (device.PortableClusterSize, device.MaxClusterSize, device.ClockMHz, device.TensorMacsPerClockPerMultiprocessor));
        Assert.True(device.HasSameResourceLimits(GpuProfiles.H100));
        Assert.NotEqual(GpuProfiles.H100, device);
        Assert.Same(GpuProfiles.H100, GpuProfiles.FindMatching(device));
    }

    [Fact]
    public void Device_properties_derive_what_the_driver_does_not_report()
    {
        GpuProfile geForce = GpuProfile.FromDeviceProperties(new DeviceProperties
        {
            Name = "NVIDIA GeForce RTX 4090", ComputeCapabilityMajor = 8, ComputeCapabilityMinor = 9, MultiprocessorCount = 128,
            MaxRegistersPerMultiprocessor = 65536, MaxRegistersPerBlock = 65536, MaxSharedMemoryPerMultiprocessor = 102400,
            MaxSharedMemoryPerBlockOptIn = 101376, ReservedSharedMemoryPerBlock = 1024, MaxThreadsPerBlock = 1024,
            MaxThreadsPerMultiprocessor = 1536, MaxBlocksPerMultiprocessor = 24, L2CacheBytes = 75497472, ClockRateKHz = 2520000,
        });

        Assert.Equal((1, 1, 256), (geForce.PortableClusterSize, geForce.MaxClusterSize, geForce.TensorMacsPerClockPerMultiprocessor));
        Assert.Same(GpuProfiles.Rtx4090, GpuProfiles.FindMatching(geForce));
        Assert.Equal(GpuProfiles.Rtx4090.ClockMHz, geForce.ClockMHz);
    }

    [Fact]
    public void Bad_device_properties_name_the_property()
    {
        var missingSms = new DeviceProperties { Name = "x", ComputeCapabilityMajor = 9, MaxRegistersPerMultiprocessor = 1, MaxRegistersPerBlock = 1, MaxThreadsPerBlock = 1024, MaxThreadsPerMultiprocessor = 2048, MaxBlocksPerMultiprocessor = 1, ClockRateKHz = 1000 };

        Assert.Equal("multiprocessorCount", Assert.Throws<ArgumentOutOfRangeException>(() => GpuProfile.FromDeviceProperties(missingSms)).ParamName);
        Assert.Contains("Name", Assert.Throws<ArgumentException>(() => GpuProfile.FromDeviceProperties(new DeviceProperties())).Message);
    }
}
