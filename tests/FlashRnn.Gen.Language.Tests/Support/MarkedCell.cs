namespace FlashRnn.Gen.Language.Tests.Support;

/// <summary>
/// A cell text with the expected span of a diagnostic marked by « and » in one of its parts, so each test case
/// shows exactly which characters the diagnostic must point at.
/// </summary>
internal sealed class MarkedCell
{
    public MarkedCell(string gates = "g", string states = "h", string equations = "h = tanh(g)",
        string? recurrent = null, string? outputs = null, string? initial = null)
    {
        var parts = new (CellTextPart Part, string? Text)[]
        {
            (CellTextPart.Gates, gates), (CellTextPart.States, states), (CellTextPart.Recurrent, recurrent),
            (CellTextPart.Outputs, outputs), (CellTextPart.Initial, initial), (CellTextPart.Equations, equations),
        };
        var clean = new Dictionary<CellTextPart, string?>();
        foreach ((CellTextPart part, string? text) in parts)
        {
            int open = text?.IndexOf('«') ?? -1;
            if (open < 0)
            {
                clean[part] = text;
                continue;
            }
            int close = text!.IndexOf('»', open);
            Part = part;
            Span = new TextSpan(open, close - open - 1);
            clean[part] = text.Remove(close, 1).Remove(open, 1);
        }
        Text = new CellText(clean[CellTextPart.Gates]!, clean[CellTextPart.States]!, clean[CellTextPart.Equations]!,
            clean[CellTextPart.Recurrent], clean[CellTextPart.Outputs], clean[CellTextPart.Initial]);
    }

    public CellText Text { get; }

    /// <summary>The part holding the marks (Equations when none is marked, for a span at the start).</summary>
    public CellTextPart Part { get; } = CellTextPart.Equations;

    public TextSpan Span { get; }

    public override string ToString() => TestCells.Describe(Text);
}
