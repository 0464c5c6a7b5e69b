using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

public sealed partial class CudaKernel
{
    /// <summary>
    /// Queues the kernel on <paramref name="stream"/> (default: the legacy default stream). A plain configuration uses
    /// <c>cuLaunchKernel</c>, a cooperative one <c>cuLaunchCooperativeKernel</c>, and one with a cluster
    /// <c>cuLaunchKernelEx</c> with the cluster-dimension (and, if asked, cooperative) launch attribute. The launch is
    /// asynchronous: errors inside the kernel surface at the next synchronization.
    /// </summary>
    /// <param name="configuration">Grid, block, shared memory, cluster and cooperative flag.</param>
    /// <param name="arguments">The kernel's arguments, in parameter order.</param>
    /// <param name="stream">The stream; <see langword="null"/> for the legacy default stream.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive or the shared memory is negative.</exception>
    /// <exception cref="CudaException">The driver rejected the launch; the message names the kernel and the configuration.</exception>
    /// <exception cref="ObjectDisposedException">The module or the stream was disposed.</exception>
    public unsafe void Launch(LaunchConfiguration configuration, KernelArguments arguments, CudaStream? stream = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        configuration.Validate();
        nint function = Handle();
        nint streamHandle = stream?.HandleFor(Context) ?? 0;
        void** parameters = arguments.Pointers();
        Context.MakeCurrent();

        CudaError result;
        string call;
        if (configuration.HasCluster)
        {
            LaunchAttribute* attributes = stackalloc LaunchAttribute[2];
            LaunchConfig native = ToNative(configuration, streamHandle, attributes);
            result = DriverApi.LaunchKernelEx(&native, function, parameters, null);
            call = "cuLaunchKernelEx";
        }
        else if (configuration.Cooperative)
        {
            result = DriverApi.LaunchCooperativeKernel(function,
                (uint)configuration.Grid.X, (uint)configuration.Grid.Y, (uint)configuration.Grid.Z,
                (uint)configuration.Block.X, (uint)configuration.Block.Y, (uint)configuration.Block.Z,
                (uint)configuration.DynamicSharedMemoryBytes, streamHandle, parameters);
            call = "cuLaunchCooperativeKernel";
        }
        else
        {
            result = DriverApi.LaunchKernel(function,
                (uint)configuration.Grid.X, (uint)configuration.Grid.Y, (uint)configuration.Grid.Z,
                (uint)configuration.Block.X, (uint)configuration.Block.Y, (uint)configuration.Block.Z,
                (uint)configuration.DynamicSharedMemoryBytes, streamHandle, parameters, null);
            call = "cuLaunchKernel";
        }
        GC.KeepAlive(arguments); // its pinned arrays hold the values the pointers point at
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, call,
                $"Kernel '{Name}' with {arguments.Count} arguments, {configuration}.");
    }

    /// <summary>
    /// Fills the driver's launch configuration; <paramref name="attributes"/> must have room for two entries and
    /// stay alive while the result is used.
    /// </summary>
    private static unsafe LaunchConfig ToNative(LaunchConfiguration configuration, nint stream, LaunchAttribute* attributes)
    {
        uint count = 0;
        if (configuration.HasCluster) attributes[count++] = LaunchAttribute.ClusterDimension(configuration.Cluster);
        if (configuration.Cooperative) attributes[count++] = LaunchAttribute.CooperativeLaunch();
        return new LaunchConfig
        {
            GridDimX = (uint)configuration.Grid.X,
            GridDimY = (uint)configuration.Grid.Y,
            GridDimZ = (uint)configuration.Grid.Z,
            BlockDimX = (uint)configuration.Block.X,
            BlockDimY = (uint)configuration.Block.Y,
            BlockDimZ = (uint)configuration.Block.Z,
            SharedMemBytes = (uint)configuration.DynamicSharedMemoryBytes,
            Stream = stream,
            Attributes = count == 0 ? null : attributes,
            AttributeCount = count,
        };
    }
}
