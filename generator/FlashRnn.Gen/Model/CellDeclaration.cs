using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Parsing;

namespace FlashRnn.Gen.Model;

/// <summary>
/// One [RnnCell] class as the parser stage read it: where it lives, the raw declaration strings with the maps back
/// to their source characters, the specialisations, and the class-level problems found. No Roslyn symbols.
/// </summary>
internal sealed record CellDeclaration(
    string? Namespace,
    string ClassName,
    string Accessibility,
    LocationInfo ClassLocation,
    DeclarationText Gates,
    DeclarationText States,
    DeclarationText? Recurrent,
    DeclarationText? Outputs,
    DeclarationText? Initial,
    DeclarationText? Equations,
    EquatableArray<Specialization> Specializations,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The file name stem of the generated source: namespace and class, unique in the compilation.</summary>
    public string HintName => Namespace is null ? ClassName : Namespace + "." + ClassName;
}

/// <summary>An attribute string and the map from its characters to the source file.</summary>
internal sealed record DeclarationText(string Value, LiteralMap Map);

/// <summary>A [Specialize] attribute: heads, head size and storage dtype (the RnnDType value).</summary>
internal sealed record Specialization(int Heads, int HeadSize, int DType, LocationInfo Location)
{
    public string DTypeName => DType switch { 0 => "float32", 1 => "bfloat16", 2 => "float16", _ => $"dtype {DType}" };
}
