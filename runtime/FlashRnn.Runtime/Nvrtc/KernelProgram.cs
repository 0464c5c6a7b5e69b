using System.Text.RegularExpressions;

namespace FlashRnn.Nvrtc;

/// <summary>
/// What to compile: CUDA source (self-contained; no CUDA headers are on NVRTC's include path), a program name for
/// messages, preprocessor macros (the kernel plan's constants) and any extra NVRTC options. Everything here is part
/// of the kernel cache's key.
/// </summary>
public sealed partial class KernelProgram
{
    /// <summary>Creates a program.</summary>
    /// <param name="name">A name for logs and messages, for example <c>lstm_forward.cu</c>.</param>
    /// <param name="source">The CUDA C++ source.</param>
    /// <param name="defines">Macros passed as <c>-DNAME=VALUE</c> (or <c>-DNAME</c> when the value is null), in this order.</param>
    /// <param name="options">Extra NVRTC options (for example <c>-lineinfo</c> or <c>--use_fast_math</c>), after the runtime's own.</param>
    /// <exception cref="ArgumentException">The name or source is empty, or a macro name is not an identifier.</exception>
    public KernelProgram(string name, string source, IEnumerable<KeyValuePair<string, string?>>? defines = null,
        IEnumerable<string>? options = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A kernel program needs a name.", nameof(name));
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException($"Kernel program '{name}' has no source.", nameof(source));
        Name = name;
        Source = source;
        Defines = (defines ?? []).ToArray();
        foreach (var define in Defines)
        {
            if (!Identifier().IsMatch(define.Key))
                throw new ArgumentException($"Macro name '{define.Key}' of kernel program '{name}' is not a C identifier.", nameof(defines));
        }
        Options = (options ?? []).ToArray();
        foreach (string option in Options)
        {
            if (string.IsNullOrWhiteSpace(option))
                throw new ArgumentException($"Kernel program '{name}' has an empty NVRTC option.", nameof(options));
        }
    }

    /// <summary>The program's name.</summary>
    public string Name { get; }

    /// <summary>The CUDA C++ source.</summary>
    public string Source { get; }

    /// <summary>The macros, in the order they are passed.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Defines { get; }

    /// <summary>The extra NVRTC options, in the order they are passed.</summary>
    public IReadOnlyList<string> Options { get; }

    /// <inheritdoc/>
    public override string ToString() => $"KernelProgram '{Name}' ({Defines.Count} macros, {Options.Count} extra options)";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
