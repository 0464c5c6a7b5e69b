using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace FlashRnn.Gpu;

/// <summary>
/// The CUDA kernel templates (templates/*.cu, *.cuh), embedded in this assembly, and the composition of a cell's
/// generated device functions with a template into one self-contained source for NVRTC.
/// </summary>
/// <remarks>
/// The templates ship with the runtime rather than inside every generated cell: the launch code here and the
/// kernels' argument lists must always match, and one copy serves every cell. NVRTC gets no include path, so each
/// <c>#include "frg_*.cuh"</c> is replaced by the header's text (each header has an include guard; every header is
/// inlined once).
/// </remarks>
public static partial class KernelTemplates
{
    /// <summary>The per-step kernels for any head size.</summary>
    public const string Alternating = "alternating.cu";

    /// <summary>The dR/dbias GEMMs over all time steps.</summary>
    public const string GradientGemm = "grad_gemm.cu";

    /// <summary>The forward's gate parts recomputed from the stored states, for a backward whose forward kept none.</summary>
    public const string RecomputeGates = "recompute_gates.cu";

    /// <summary>The persistent fused forward kernel.</summary>
    public const string FusedForward = "fused_forward.cu";

    /// <summary>The persistent fused backward kernel.</summary>
    public const string FusedBackward = "fused_backward.cu";

    /// <summary>Every kernel template.</summary>
    public static IReadOnlyList<string> All { get; } = [Alternating, GradientGemm, RecomputeGates, FusedForward, FusedBackward];

    private const string ResourcePrefix = "FlashRnn.Templates.";
    private static readonly ConcurrentDictionary<string, string> s_files = new();

    /// <summary>The text of an embedded template or header, e.g. <c>fused_forward.cu</c>.</summary>
    /// <exception cref="FileNotFoundException">No such template is embedded.</exception>
    public static string Read(string fileName) => s_files.GetOrAdd(fileName, static name =>
    {
        using Stream? stream = typeof(KernelTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new FileNotFoundException($"The kernel template '{name}' is not embedded in FlashRnn.Runtime.", name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// One NVRTC-ready source: the math helpers, the cell's generated device functions (see the generated
    /// <c>Cuda.CellFunctions</c>), then <paramref name="template"/>, with every include inlined once.
    /// </summary>
    public static string Compose(string cellFunctions, string template)
    {
        ArgumentNullException.ThrowIfNull(cellFunctions);
        var included = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("// Composed by FlashRnn.Runtime: frg_math.cuh, the generated cell, then ").Append(template).Append('\n');
        Inline("frg_math.cuh", text, included);
        text.Append(cellFunctions).Append('\n');
        Inline(template, text, included);
        return text.ToString();
    }

    private static void Inline(string fileName, StringBuilder text, HashSet<string> included)
    {
        if (!included.Add(fileName)) return;
        foreach (string line in Read(fileName).Split('\n'))
        {
            Match include = IncludeLine().Match(line);
            if (include.Success) Inline(include.Groups[1].Value, text, included);
            else text.Append(line.TrimEnd('\r')).Append('\n');
        }
    }

    [GeneratedRegex("""^\s*#\s*include\s+"([A-Za-z0-9_.]+)"\s*$""")]
    private static partial Regex IncludeLine();
}
