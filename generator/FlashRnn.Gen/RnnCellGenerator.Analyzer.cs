using System.Collections.Generic;
using FlashRnn.Gen.Language;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Model;

namespace FlashRnn.Gen;

public sealed partial class RnnCellGenerator
{
    /// <summary>
    /// The analysis stage: compiles the declaration's strings with the cell language (parse, check, lower,
    /// differentiate, schedule) and places each language diagnostic on the exact characters of its attribute string.
    /// </summary>
    internal static class Analyzer
    {
        public static CellUnit Analyze(CellDeclaration declaration)
        {
            var diagnostics = new List<DiagnosticInfo>(declaration.Diagnostics);
            if (declaration.Equations is null)
                return new CellUnit(declaration, null, diagnostics.ToEquatableArray());

            var text = new CellText(
                Gates: declaration.Gates.Value,
                States: declaration.States.Value,
                Equations: declaration.Equations.Value,
                Recurrent: declaration.Recurrent?.Value,
                Outputs: declaration.Outputs?.Value,
                Initial: declaration.Initial?.Value);
            CellCompilation compilation = CellCompiler.Compile(text);

            foreach (CellDiagnostic diagnostic in compilation.Diagnostics)
            {
                DeclarationText? part = PartOf(declaration, diagnostic.Part);
                LocationInfo location = part is null
                    ? declaration.ClassLocation
                    : part.Map.Map(diagnostic.Span.Start, diagnostic.Span.Length);
                diagnostics.Add(new DiagnosticInfo(diagnostic.Id, location, diagnostic.Arguments));
            }

            // A class-level error (not static partial, ...) stops emission too: the generated partial would not compile.
            bool classIsValid = declaration.Diagnostics.Count == 0 || !HasError(declaration.Diagnostics);
            return new CellUnit(declaration, classIsValid ? compilation.Model : null, diagnostics.ToEquatableArray());
        }

        private static bool HasError(EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (DiagnosticInfo d in diagnostics)
            {
                if (DiagnosticTable.ById(d.Id).Severity == CellDiagnosticSeverity.Error) return true;
            }
            return false;
        }

        private static DeclarationText? PartOf(CellDeclaration declaration, CellTextPart part) => part switch
        {
            CellTextPart.Gates => declaration.Gates,
            CellTextPart.States => declaration.States,
            CellTextPart.Recurrent => declaration.Recurrent,
            CellTextPart.Outputs => declaration.Outputs,
            CellTextPart.Initial => declaration.Initial,
            _ => declaration.Equations,
        };
    }
}
