using System;
using System.Globalization;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Diagnostics;

/// <summary>
/// One entry of <see cref="DiagnosticTable"/>: a diagnostic's ID, title, message format and severity. The Roslyn
/// generator turns each entry into a <c>DiagnosticDescriptor</c>; this type holds no Roslyn types.
/// </summary>
public sealed class CellDiagnosticDescriptor : IEquatable<CellDiagnosticDescriptor>
{
    /// <summary>Creates an entry.</summary>
    /// <param name="id">The ID, <c>FRGnnn</c>.</param>
    /// <param name="title">A short title (no arguments).</param>
    /// <param name="messageFormat">A composite format string ({0}, {1} ...) that ends with what to write instead.</param>
    /// <param name="severity">The default severity.</param>
    /// <param name="category">The category shown by IDEs.</param>
    public CellDiagnosticDescriptor(string id, string title, string messageFormat, CellDiagnosticSeverity severity, string category)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Title = title ?? throw new ArgumentNullException(nameof(title));
        MessageFormat = messageFormat ?? throw new ArgumentNullException(nameof(messageFormat));
        Severity = severity;
        Category = category ?? throw new ArgumentNullException(nameof(category));
    }

    /// <summary>The ID, <c>FRGnnn</c>.</summary>
    public string Id { get; }

    /// <summary>A short title.</summary>
    public string Title { get; }

    /// <summary>The message as a composite format string.</summary>
    public string MessageFormat { get; }

    /// <summary>The default severity.</summary>
    public CellDiagnosticSeverity Severity { get; }

    /// <summary>The category (<see cref="DiagnosticTable.LanguageCategory"/> and friends).</summary>
    public string Category { get; }

    /// <summary>The message with <paramref name="arguments"/> filled in (invariant culture).</summary>
    /// <param name="arguments">One string per placeholder of <see cref="MessageFormat"/>.</param>
    public string FormatMessage(EquatableArray<string> arguments)
    {
        var values = new object[arguments.Count];
        for (int i = 0; i < values.Length; i++) values[i] = arguments[i];
        return string.Format(CultureInfo.InvariantCulture, MessageFormat, values);
    }

    /// <inheritdoc/>
    public bool Equals(CellDiagnosticDescriptor? other)
        => other is not null && Id == other.Id && Title == other.Title && MessageFormat == other.MessageFormat &&
           Severity == other.Severity && Category == other.Category;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CellDiagnosticDescriptor);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Id.GetHashCode(), MessageFormat.GetHashCode(), (int)Severity);

    /// <inheritdoc/>
    public override string ToString() => Id + ": " + Title;
}
