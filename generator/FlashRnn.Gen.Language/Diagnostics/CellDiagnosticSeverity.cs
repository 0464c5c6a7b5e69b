namespace FlashRnn.Gen.Language.Diagnostics;

/// <summary>How serious a diagnostic is; maps one-to-one to Roslyn's <c>DiagnosticSeverity</c>.</summary>
public enum CellDiagnosticSeverity
{
    /// <summary>Informational; changes nothing.</summary>
    Info = 1,

    /// <summary>The cell compiles but probably not as intended.</summary>
    Warning = 2,

    /// <summary>The cell does not compile; no code is generated for it.</summary>
    Error = 3,
}
