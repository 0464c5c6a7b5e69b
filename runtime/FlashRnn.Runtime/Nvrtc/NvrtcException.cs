using System.Runtime.InteropServices;
using FlashRnn.Nvrtc.Interop;

namespace FlashRnn.Nvrtc;

/// <summary>An NVRTC call failed outside compilation itself (see <see cref="NvrtcCompilationException"/> for that).</summary>
public class NvrtcException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="call">The NVRTC function that failed.</param>
    /// <param name="result">The code it returned.</param>
    /// <param name="message">The full message.</param>
    public NvrtcException(string call, NvrtcResult result, string message) : base(message)
    {
        Call = call;
        Result = result;
    }

    /// <summary>The NVRTC function that failed.</summary>
    public string Call { get; }

    /// <summary>The code it returned.</summary>
    public NvrtcResult Result { get; }

    /// <summary>NVRTC's description of <paramref name="result"/>.</summary>
    internal static string Describe(NvrtcResult result)
    {
        nint text = NvrtcApi.GetErrorString(result);
        return text == 0 ? $"NVRTC error {(int)result}" : Marshal.PtrToStringUTF8(text) ?? $"NVRTC error {(int)result}";
    }

    /// <summary>Throws an <see cref="NvrtcException"/> when <paramref name="result"/> is not success.</summary>
    internal static void Check(NvrtcResult result, string call, string context)
    {
        if (result != NvrtcResult.Success)
            throw new NvrtcException(call, result, $"{call} failed with {Describe(result)} ({(int)result}) {context}.");
    }
}
