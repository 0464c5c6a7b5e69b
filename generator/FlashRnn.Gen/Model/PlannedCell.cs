using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Model;

/// <summary>A compiled cell with its kernel plans for every specialisation and target GPU, ready to emit.</summary>
internal sealed record PlannedCell(CellUnit Unit, EquatableArray<DiagnosticInfo> Diagnostics);
