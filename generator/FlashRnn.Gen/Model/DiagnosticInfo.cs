using System.Linq;
using Microsoft.CodeAnalysis;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Diagnostics;

namespace FlashRnn.Gen.Model;

/// <summary>
/// A diagnostic as data: which table entry, where, and its message arguments (already strings, so the record
/// compares by value and the pipeline can cache it).
/// </summary>
/// <remarks><see cref="AsInfo"/> lowers a warning to an informational message (see the planner stage for when).</remarks>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs, bool AsInfo = false)
{
    public static DiagnosticInfo Create(CellDiagnosticDescriptor descriptor, LocationInfo? location, params object?[] args)
        => new(descriptor.Id, location, args.Select(a => a?.ToString() ?? "").ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(Id);
        Location location = Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None;
        object[] args = MessageArgs.Cast<object>().ToArray();
        return AsInfo
            ? Diagnostic.Create(descriptor, location, DiagnosticSeverity.Info, additionalLocations: null, properties: null, args)
            : Diagnostic.Create(descriptor, location, args);
    }
}
