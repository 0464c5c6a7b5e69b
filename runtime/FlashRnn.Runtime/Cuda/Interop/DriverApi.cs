using System.Runtime.InteropServices;
using FlashRnn.Native;

namespace FlashRnn.Cuda.Interop;

/// <summary>
/// The CUDA driver API functions the runtime uses, bound with source-generated <c>[LibraryImport]</c> stubs (no
/// runtime marshalling, trimming and AOT safe). Where cuda.h maps a name to a versioned symbol (<c>cuMemAlloc</c> to
/// <c>cuMemAlloc_v2</c> and so on) the versioned symbol is imported, as a program compiled against cuda.h would.
/// Handles are <c>nint</c>; device pointers are <c>ulong</c> (<c>CUdeviceptr</c> is 64-bit on every supported platform).
/// </summary>
internal static unsafe partial class DriverApi
{
    private const string Lib = NativeLibraries.CudaDriverImportName;

    static DriverApi() => NativeLibraries.RegisterResolver();

    // Initialization and errors
    [LibraryImport(Lib, EntryPoint = "cuInit")]
    internal static partial CudaError Init(uint flags);

    [LibraryImport(Lib, EntryPoint = "cuDriverGetVersion")]
    internal static partial CudaError DriverGetVersion(out int version);

    [LibraryImport(Lib, EntryPoint = "cuGetErrorName")]
    internal static partial CudaError GetErrorName(CudaError error, out nint name);

    [LibraryImport(Lib, EntryPoint = "cuGetErrorString")]
    internal static partial CudaError GetErrorString(CudaError error, out nint message);

    // Devices
    [LibraryImport(Lib, EntryPoint = "cuDeviceGetCount")]
    internal static partial CudaError DeviceGetCount(out int count);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGet")]
    internal static partial CudaError DeviceGet(out int device, int ordinal);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetName")]
    internal static partial CudaError DeviceGetName(byte* name, int length, int device);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetAttribute")]
    internal static partial CudaError DeviceGetAttribute(out int value, DeviceAttribute attribute, int device);

    [LibraryImport(Lib, EntryPoint = "cuDeviceTotalMem_v2")]
    internal static partial CudaError DeviceTotalMem(out nuint bytes, int device);

    // Contexts: the runtime uses each device's primary context (the one the CUDA runtime API shares), made current
    // per thread, rather than creating contexts of its own.
    [LibraryImport(Lib, EntryPoint = "cuDevicePrimaryCtxRetain")]
    internal static partial CudaError DevicePrimaryCtxRetain(out nint context, int device);

    [LibraryImport(Lib, EntryPoint = "cuCtxSetCurrent")]
    internal static partial CudaError CtxSetCurrent(nint context);

    [LibraryImport(Lib, EntryPoint = "cuCtxGetCurrent")]
    internal static partial CudaError CtxGetCurrent(out nint context);

    [LibraryImport(Lib, EntryPoint = "cuCtxSynchronize")]
    internal static partial CudaError CtxSynchronize();

    [LibraryImport(Lib, EntryPoint = "cuMemGetInfo_v2")]
    internal static partial CudaError MemGetInfo(out nuint free, out nuint total);

    // Memory
    [LibraryImport(Lib, EntryPoint = "cuMemAlloc_v2")]
    internal static partial CudaError MemAlloc(out ulong devicePointer, nuint bytes);

    [LibraryImport(Lib, EntryPoint = "cuMemAllocAsync")]
    internal static partial CudaError MemAllocAsync(out ulong devicePointer, nuint bytes, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuMemFreeAsync")]
    internal static partial CudaError MemFreeAsync(ulong devicePointer, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuDeviceGetDefaultMemPool")]
    internal static partial CudaError DeviceGetDefaultMemPool(out nint pool, int device);

    [LibraryImport(Lib, EntryPoint = "cuMemPoolSetAttribute")]
    internal static partial CudaError MemPoolSetAttribute(nint pool, int attribute, void* value);

    [LibraryImport(Lib, EntryPoint = "cuMemFree_v2")]
    internal static partial CudaError MemFree(ulong devicePointer);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyHtoD_v2")]
    internal static partial CudaError MemcpyHtoD(ulong destination, void* source, nuint bytes);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyDtoH_v2")]
    internal static partial CudaError MemcpyDtoH(void* destination, ulong source, nuint bytes);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyDtoD_v2")]
    internal static partial CudaError MemcpyDtoD(ulong destination, ulong source, nuint bytes);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyHtoDAsync_v2")]
    internal static partial CudaError MemcpyHtoDAsync(ulong destination, void* source, nuint bytes, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyDtoHAsync_v2")]
    internal static partial CudaError MemcpyDtoHAsync(void* destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuMemcpyDtoDAsync_v2")]
    internal static partial CudaError MemcpyDtoDAsync(ulong destination, ulong source, nuint bytes, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuMemsetD8_v2")]
    internal static partial CudaError MemsetD8(ulong destination, byte value, nuint count);

    [LibraryImport(Lib, EntryPoint = "cuMemsetD8Async")]
    internal static partial CudaError MemsetD8Async(ulong destination, byte value, nuint count, nint stream);

    // Streams and capture
    [LibraryImport(Lib, EntryPoint = "cuStreamCreate")]
    internal static partial CudaError StreamCreate(out nint stream, StreamFlags flags);

    [LibraryImport(Lib, EntryPoint = "cuStreamDestroy_v2")]
    internal static partial CudaError StreamDestroy(nint stream);

    [LibraryImport(Lib, EntryPoint = "cuStreamSynchronize")]
    internal static partial CudaError StreamSynchronize(nint stream);

    [LibraryImport(Lib, EntryPoint = "cuStreamWaitEvent")]
    internal static partial CudaError StreamWaitEvent(nint stream, nint cudaEvent, uint flags);

    [LibraryImport(Lib, EntryPoint = "cuStreamBeginCapture_v2")]
    internal static partial CudaError StreamBeginCapture(nint stream, StreamCaptureMode mode);

    [LibraryImport(Lib, EntryPoint = "cuStreamEndCapture")]
    internal static partial CudaError StreamEndCapture(nint stream, out nint graph);

    [LibraryImport(Lib, EntryPoint = "cuStreamIsCapturing")]
    internal static partial CudaError StreamIsCapturing(nint stream, out int captureStatus);

    // Events
    [LibraryImport(Lib, EntryPoint = "cuEventCreate")]
    internal static partial CudaError EventCreate(out nint cudaEvent, EventFlags flags);

    [LibraryImport(Lib, EntryPoint = "cuEventDestroy_v2")]
    internal static partial CudaError EventDestroy(nint cudaEvent);

    [LibraryImport(Lib, EntryPoint = "cuEventRecord")]
    internal static partial CudaError EventRecord(nint cudaEvent, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuEventSynchronize")]
    internal static partial CudaError EventSynchronize(nint cudaEvent);

    [LibraryImport(Lib, EntryPoint = "cuEventQuery")]
    internal static partial CudaError EventQuery(nint cudaEvent);

    [LibraryImport(Lib, EntryPoint = "cuEventElapsedTime")]
    internal static partial CudaError EventElapsedTime(out float milliseconds, nint start, nint end);

    // Graphs
    [LibraryImport(Lib, EntryPoint = "cuGraphInstantiateWithFlags")]
    internal static partial CudaError GraphInstantiateWithFlags(out nint graphExec, nint graph, ulong flags);

    [LibraryImport(Lib, EntryPoint = "cuGraphLaunch")]
    internal static partial CudaError GraphLaunch(nint graphExec, nint stream);

    [LibraryImport(Lib, EntryPoint = "cuGraphExecDestroy")]
    internal static partial CudaError GraphExecDestroy(nint graphExec);

    [LibraryImport(Lib, EntryPoint = "cuGraphDestroy")]
    internal static partial CudaError GraphDestroy(nint graph);

    // Modules and functions
    [LibraryImport(Lib, EntryPoint = "cuModuleLoadDataEx")]
    internal static partial CudaError ModuleLoadDataEx(out nint module, void* image, uint optionCount,
        JitOption* options, void** optionValues);

    [LibraryImport(Lib, EntryPoint = "cuModuleUnload")]
    internal static partial CudaError ModuleUnload(nint module);

    [LibraryImport(Lib, EntryPoint = "cuModuleGetGlobal_v2", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial CudaError ModuleGetGlobal(out ulong devicePointer, out nuint bytes, nint module, string name);

    [LibraryImport(Lib, EntryPoint = "cuModuleGetFunction", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial CudaError ModuleGetFunction(out nint function, nint module, string name);

    [LibraryImport(Lib, EntryPoint = "cuFuncGetAttribute")]
    internal static partial CudaError FuncGetAttribute(out int value, FunctionAttribute attribute, nint function);

    [LibraryImport(Lib, EntryPoint = "cuFuncSetAttribute")]
    internal static partial CudaError FuncSetAttribute(nint function, FunctionAttribute attribute, int value);

    [LibraryImport(Lib, EntryPoint = "cuOccupancyMaxActiveBlocksPerMultiprocessor")]
    internal static partial CudaError OccupancyMaxActiveBlocksPerMultiprocessor(out int blocks, nint function,
        int blockSize, nuint dynamicSharedMemory);

    [LibraryImport(Lib, EntryPoint = "cuOccupancyMaxActiveClusters")]
    internal static partial CudaError OccupancyMaxActiveClusters(out int clusters, nint function, LaunchConfig* config);

    [LibraryImport(Lib, EntryPoint = "cuOccupancyMaxPotentialClusterSize")]
    internal static partial CudaError OccupancyMaxPotentialClusterSize(out int clusterSize, nint function,
        LaunchConfig* config);

    // Launches
    [LibraryImport(Lib, EntryPoint = "cuLaunchKernel")]
    internal static partial CudaError LaunchKernel(nint function, uint gridX, uint gridY, uint gridZ,
        uint blockX, uint blockY, uint blockZ, uint sharedMemBytes, nint stream, void** parameters, void** extra);

    [LibraryImport(Lib, EntryPoint = "cuLaunchCooperativeKernel")]
    internal static partial CudaError LaunchCooperativeKernel(nint function, uint gridX, uint gridY, uint gridZ,
        uint blockX, uint blockY, uint blockZ, uint sharedMemBytes, nint stream, void** parameters);

    [LibraryImport(Lib, EntryPoint = "cuLaunchKernelEx")]
    internal static partial CudaError LaunchKernelEx(LaunchConfig* config, nint function, void** parameters, void** extra);
}
