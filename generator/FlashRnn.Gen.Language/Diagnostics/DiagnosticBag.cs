using System.Collections.Generic;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Diagnostics;

/// <summary>Collects the diagnostics of one compilation, in the order they are found.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<CellDiagnostic> _items = new();

    public bool HasErrors { get; private set; }

    public int Count => _items.Count;

    public void Report(CellDiagnosticDescriptor descriptor, CellTextPart part, TextSpan span, params string[] arguments)
    {
        _items.Add(new CellDiagnostic(descriptor, part, span, EquatableArray.Create(arguments)));
        if (descriptor.Severity == CellDiagnosticSeverity.Error) HasErrors = true;
    }

    public EquatableArray<CellDiagnostic> ToEquatableArray() => _items.ToEquatableArray();
}
