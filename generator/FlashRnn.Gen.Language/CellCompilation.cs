using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Diagnostics;

namespace FlashRnn.Gen.Language;

/// <summary>The result of <see cref="CellCompiler.Compile"/>. Compared by value.</summary>
/// <param name="Diagnostics">Every error and warning found, in the order found.</param>
/// <param name="Model">The compiled cell, or null when there is any error.</param>
public sealed record CellCompilation(EquatableArray<CellDiagnostic> Diagnostics, CellModel? Model)
{
    /// <summary>True when some diagnostic is an error (then <see cref="Model"/> is null).</summary>
    public bool HasErrors
    {
        get
        {
            foreach (CellDiagnostic diagnostic in Diagnostics)
            {
                if (diagnostic.Severity == CellDiagnosticSeverity.Error) return true;
            }
            return false;
        }
    }
}
