namespace FlashRnn.Nvrtc;

/// <summary>
/// NVRTC rejected a kernel's source or options. The message names the kernel and carries NVRTC's log (the compiler
/// errors with line numbers) and the options used, so the failure can be reproduced.
/// </summary>
public sealed class NvrtcCompilationException : NvrtcException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kernelName">The program's name.</param>
    /// <param name="result">NVRTC's result code.</param>
    /// <param name="log">NVRTC's compilation log.</param>
    /// <param name="options">The options passed to NVRTC.</param>
    public NvrtcCompilationException(string kernelName, NvrtcResult result, string log, IReadOnlyList<string> options)
        : base("nvrtcCompileProgram", result, FormatMessage(kernelName, result, log, options))
    {
        KernelName = kernelName;
        Log = log;
        Options = options;
    }

    /// <summary>The name of the program that failed to compile.</summary>
    public string KernelName { get; }

    /// <summary>NVRTC's log: the compiler's errors and warnings.</summary>
    public string Log { get; }

    /// <summary>The options the compilation used.</summary>
    public IReadOnlyList<string> Options { get; }

    private static string FormatMessage(string kernelName, NvrtcResult result, string log, IReadOnlyList<string> options)
        => $"NVRTC could not compile kernel '{kernelName}' ({result}).{Environment.NewLine}"
           + $"Options: {string.Join(' ', options)}{Environment.NewLine}"
           + (string.IsNullOrWhiteSpace(log) ? "NVRTC wrote no log." : "Log:" + Environment.NewLine + log.TrimEnd());
}
