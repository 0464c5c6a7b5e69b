using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using FlashRnn.Gen.Language.Diagnostics;

namespace FlashRnn.Gen;

/// <summary>
/// The Roslyn face of the one diagnostics table (<see cref="DiagnosticTable"/>): every ID, title, message and
/// severity is written there once; this only wraps them as <see cref="DiagnosticDescriptor"/>s.
/// </summary>
internal static class DiagnosticDescriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId =
        DiagnosticTable.All.ToDictionary(d => d.Id, Wrap);

    /// <summary>Every descriptor the generator can report.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Wrap(CellDiagnosticDescriptor d) => new(
        d.Id, d.Title, d.MessageFormat, d.Category,
        d.Severity switch
        {
            CellDiagnosticSeverity.Error => DiagnosticSeverity.Error,
            CellDiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        },
        isEnabledByDefault: true);
}
