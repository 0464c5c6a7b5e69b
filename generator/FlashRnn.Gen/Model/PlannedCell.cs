using FlashRnn.Gen.Language.Collections;
using FlashRnn.Planning;

namespace FlashRnn.Gen.Model;

/// <summary>A compiled cell with its kernel plans for every specialisation, direction and target GPU, ready to emit.</summary>
internal sealed record PlannedCell(CellUnit Unit, EquatableArray<KernelPlan> Plans, EquatableArray<DiagnosticInfo> Diagnostics);
