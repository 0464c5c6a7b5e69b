namespace FlashRnn.Nvrtc;

/// <summary>Result codes of NVRTC (<c>nvrtcResult</c>); the numbers are NVRTC's.</summary>
public enum NvrtcResult
{
    /// <summary>NVRTC_SUCCESS.</summary>
    Success = 0,
    /// <summary>NVRTC_ERROR_OUT_OF_MEMORY.</summary>
    OutOfMemory = 1,
    /// <summary>NVRTC_ERROR_PROGRAM_CREATION_FAILURE.</summary>
    ProgramCreationFailure = 2,
    /// <summary>NVRTC_ERROR_INVALID_INPUT: for example asking for a CUBIN after compiling to a virtual architecture.</summary>
    InvalidInput = 3,
    /// <summary>NVRTC_ERROR_INVALID_PROGRAM.</summary>
    InvalidProgram = 4,
    /// <summary>NVRTC_ERROR_INVALID_OPTION: an option NVRTC does not know (the log names it).</summary>
    InvalidOption = 5,
    /// <summary>NVRTC_ERROR_COMPILATION: the source has errors (the log lists them).</summary>
    Compilation = 6,
    /// <summary>NVRTC_ERROR_BUILTIN_OPERATION_FAILURE: NVRTC's builtins library (libnvrtc-builtins) failed to load.</summary>
    BuiltinOperationFailure = 7,
    /// <summary>NVRTC_ERROR_INTERNAL_ERROR.</summary>
    InternalError = 11,
}
