namespace FlashRnn.Cuda;

/// <summary>
/// Result codes of the CUDA driver API (<c>CUresult</c>). Only the codes the runtime's callers are likely to test for
/// are named; any other code still arrives intact in <see cref="CudaException.Error"/>, and
/// <see cref="CudaException.ErrorName"/> always carries the driver's own name for it.
/// </summary>
public enum CudaError
{
    /// <summary>CUDA_SUCCESS: no error.</summary>
    Success = 0,
    /// <summary>CUDA_ERROR_INVALID_VALUE: an argument (often a launch dimension) is out of range.</summary>
    InvalidValue = 1,
    /// <summary>CUDA_ERROR_OUT_OF_MEMORY.</summary>
    OutOfMemory = 2,
    /// <summary>CUDA_ERROR_NOT_INITIALIZED: cuInit was not called or failed.</summary>
    NotInitialized = 3,
    /// <summary>CUDA_ERROR_DEINITIALIZED: the driver is shutting down.</summary>
    Deinitialized = 4,
    /// <summary>CUDA_ERROR_STUB_LIBRARY: the loaded libcuda is the toolkit's link-time stub, not the real driver.</summary>
    StubLibrary = 34,
    /// <summary>CUDA_ERROR_DEVICE_UNAVAILABLE: the device is busy or in exclusive mode elsewhere.</summary>
    DeviceUnavailable = 46,
    /// <summary>CUDA_ERROR_NO_DEVICE: no CUDA-capable device is present.</summary>
    NoDevice = 100,
    /// <summary>CUDA_ERROR_INVALID_DEVICE: the ordinal does not name a device.</summary>
    InvalidDevice = 101,
    /// <summary>CUDA_ERROR_INVALID_IMAGE: the module image is not valid.</summary>
    InvalidImage = 200,
    /// <summary>CUDA_ERROR_INVALID_CONTEXT: no context is current, or it was destroyed.</summary>
    InvalidContext = 201,
    /// <summary>CUDA_ERROR_NO_BINARY_FOR_GPU: the image has no code for this GPU.</summary>
    NoBinaryForGpu = 209,
    /// <summary>CUDA_ERROR_INVALID_PTX: the PTX JIT compiler rejected the PTX.</summary>
    InvalidPtx = 218,
    /// <summary>CUDA_ERROR_UNSUPPORTED_PTX_VERSION: the PTX is newer than this driver understands.</summary>
    UnsupportedPtxVersion = 222,
    /// <summary>CUDA_ERROR_INVALID_HANDLE: a handle is invalid (for example a destroyed stream).</summary>
    InvalidHandle = 400,
    /// <summary>CUDA_ERROR_NOT_FOUND: a named symbol (for example a kernel) was not found.</summary>
    NotFound = 500,
    /// <summary>CUDA_ERROR_NOT_READY: asynchronous work has not completed yet.</summary>
    NotReady = 600,
    /// <summary>CUDA_ERROR_ILLEGAL_ADDRESS: a kernel accessed an invalid address; the context is unusable afterwards.</summary>
    IllegalAddress = 700,
    /// <summary>CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES: too many registers or too much shared memory for the launch.</summary>
    LaunchOutOfResources = 701,
    /// <summary>CUDA_ERROR_LAUNCH_TIMEOUT: a kernel ran past the watchdog.</summary>
    LaunchTimeout = 702,
    /// <summary>CUDA_ERROR_LAUNCH_FAILED: a kernel failed; the context is unusable afterwards.</summary>
    LaunchFailed = 719,
    /// <summary>CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE: the grid cannot be co-resident for a cooperative launch.</summary>
    CooperativeLaunchTooLarge = 720,
    /// <summary>CUDA_ERROR_NOT_PERMITTED.</summary>
    NotPermitted = 800,
    /// <summary>CUDA_ERROR_NOT_SUPPORTED: the device or driver does not support the operation.</summary>
    NotSupported = 801,
    /// <summary>CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED: the operation is not allowed while a stream is captured.</summary>
    StreamCaptureUnsupported = 900,
    /// <summary>CUDA_ERROR_STREAM_CAPTURE_INVALIDATED: an earlier error invalidated the capture.</summary>
    StreamCaptureInvalidated = 901,
    /// <summary>CUDA_ERROR_STREAM_CAPTURE_IMPLICIT: the captured stream would synchronize with the legacy stream.</summary>
    StreamCaptureImplicit = 906,
    /// <summary>CUDA_ERROR_INVALID_CLUSTER_SIZE: the cluster dimensions are not supported for this kernel.</summary>
    InvalidClusterSize = 912,
    /// <summary>CUDA_ERROR_UNKNOWN.</summary>
    Unknown = 999,
}
