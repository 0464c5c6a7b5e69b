using System.Runtime.InteropServices;
using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// A CUDA driver call failed. The message names the call, the driver's name and description of the error code, and
/// what the call was doing (for a launch: the kernel and its configuration).
/// </summary>
public class CudaException : Exception
{
    /// <summary>Creates the exception for a failed driver call.</summary>
    /// <param name="call">The driver function that failed, for example <c>cuLaunchKernel</c>.</param>
    /// <param name="error">The code it returned.</param>
    /// <param name="errorName">The driver's name for the code, for example <c>CUDA_ERROR_INVALID_VALUE</c>.</param>
    /// <param name="driverMessage">The driver's description of the code.</param>
    /// <param name="detail">What the call was doing, or <see langword="null"/>.</param>
    public CudaException(string call, CudaError error, string errorName, string driverMessage, string? detail)
        : base(FormatMessage(call, error, errorName, driverMessage, detail))
    {
        Call = call;
        Error = error;
        ErrorName = errorName;
        DriverMessage = driverMessage;
        Detail = detail;
    }

    /// <summary>The driver function that failed.</summary>
    public string Call { get; }

    /// <summary>The result code (codes without a named member keep their numeric value).</summary>
    public CudaError Error { get; }

    /// <summary>The driver's name for the code (<c>cuGetErrorName</c>).</summary>
    public string ErrorName { get; }

    /// <summary>The driver's description of the code (<c>cuGetErrorString</c>).</summary>
    public string DriverMessage { get; }

    /// <summary>What the call was doing, or <see langword="null"/>.</summary>
    public string? Detail { get; }

    /// <summary>Throws a <see cref="CudaException"/> when <paramref name="result"/> is not success.</summary>
    internal static void Check(CudaError result, string call)
    {
        if (result != CudaError.Success) throw FromResult(result, call, null);
    }

    /// <summary>Creates the exception, asking the driver for the code's name and description.</summary>
    internal static CudaException FromResult(CudaError result, string call, string? detail)
    {
        string name = $"CUDA error {(int)result}";
        string message = "no description from the driver";
        try
        {
            if (DriverApi.GetErrorName(result, out nint namePtr) == CudaError.Success && namePtr != 0)
                name = Marshal.PtrToStringUTF8(namePtr) ?? name;
            if (DriverApi.GetErrorString(result, out nint messagePtr) == CudaError.Success && messagePtr != 0)
                message = Marshal.PtrToStringUTF8(messagePtr) ?? message;
        }
        catch (EntryPointNotFoundException)
        {
            // Drivers before CUDA 6 lack these; the numeric code is still reported.
        }
        return new CudaException(call, result, name, message, detail);
    }

    private static string FormatMessage(string call, CudaError error, string errorName, string driverMessage, string? detail)
        => $"{call} failed with {errorName} ({(int)error}): {driverMessage}." + (detail is null ? "" : " " + detail);
}
