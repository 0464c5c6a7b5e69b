using System;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Model;

/// <summary>
/// The GPU profiles the build plans kernels for, as named by the MSBuild property <c>FlashRnnTargetGpus</c>
/// (semicolon or comma separated, case-insensitive, e.g. <c>h100;a100</c>). The NuGet package's props make the
/// property visible to the generator; when it is empty the planner's documented default set applies.
/// </summary>
internal sealed record TargetGpuSelection(string? RawValue, EquatableArray<string> Names)
{
    public const string PropertyName = "FlashRnnTargetGpus";

    public static TargetGpuSelection Read(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property." + PropertyName, out string? raw);
        string[] names = (raw ?? "")
            .Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Trim())
            .Where(n => n.Length > 0)
            .ToArray();
        return new TargetGpuSelection(string.IsNullOrWhiteSpace(raw) ? null : raw, names.ToEquatableArray());
    }
}
