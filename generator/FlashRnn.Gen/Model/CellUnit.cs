using FlashRnn.Gen.Language;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Model;

/// <summary>A declaration after the equation compiler: its model (null when it has errors) and all its diagnostics.</summary>
internal sealed record CellUnit(CellDeclaration Declaration, CellModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
