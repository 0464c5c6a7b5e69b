using System;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Diagnostics;

/// <summary>
/// A problem found in a cell's declaration: which <see cref="DiagnosticTable"/> entry, which declaration string,
/// and the exact characters inside it. Compares by value so it can travel in a cached model.
/// </summary>
public sealed class CellDiagnostic : IEquatable<CellDiagnostic>
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="descriptor">The table entry.</param>
    /// <param name="part">The declaration string the span points into.</param>
    /// <param name="span">The characters the problem is about.</param>
    /// <param name="arguments">The message arguments, one per placeholder.</param>
    public CellDiagnostic(CellDiagnosticDescriptor descriptor, CellTextPart part, TextSpan span, EquatableArray<string> arguments)
    {
        Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        Part = part;
        Span = span;
        Arguments = arguments;
        Message = descriptor.FormatMessage(arguments);
    }

    /// <summary>The table entry.</summary>
    public CellDiagnosticDescriptor Descriptor { get; }

    /// <summary>The ID, <c>FRGnnn</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The severity.</summary>
    public CellDiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>The declaration string <see cref="Span"/> points into.</summary>
    public CellTextPart Part { get; }

    /// <summary>The characters the problem is about, inside the string named by <see cref="Part"/>.</summary>
    public TextSpan Span { get; }

    /// <summary>The message arguments (pass them to Roslyn's <c>Diagnostic.Create</c>).</summary>
    public EquatableArray<string> Arguments { get; }

    /// <summary>The formatted message.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(CellDiagnostic? other)
        => other is not null && Descriptor.Equals(other.Descriptor) && Part == other.Part && Span == other.Span &&
           Arguments == other.Arguments;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CellDiagnostic);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Descriptor.Id.GetHashCode(), (int)Part, Span.GetHashCode(), Arguments.GetHashCode());

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Part}{Span}: {Message}";
}
