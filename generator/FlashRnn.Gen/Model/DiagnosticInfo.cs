using System.Linq;
using Microsoft.CodeAnalysis;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Diagnostics;

namespace FlashRnn.Gen.Model;

/// <summary>
/// A diagnostic as data: which table entry, where, and its message arguments (already strings, so the record
/// compares by value and the pipeline can cache it).
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(CellDiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args)
        => new(descriptor.Id, location, args.Select(a => a?.ToString() ?? "").ToEquatableArray());

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
            MessageArgs.Cast<object>().ToArray());
}
