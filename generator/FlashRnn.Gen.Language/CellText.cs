namespace FlashRnn.Gen.Language;

/// <summary>
/// The declaration strings of one cell, as written in its attributes. A <c>null</c> or blank optional part means
/// "not given" and takes its default (see each property).
/// </summary>
/// <param name="Gates">Gate names separated by spaces or commas, in the order of the gate axis (<c>"i f z o"</c>).</param>
/// <param name="States">State names separated by spaces or commas, in the order of the state axis (<c>"h c"</c>).</param>
/// <param name="Equations">One assignment per line (see the language README).</param>
/// <param name="Recurrent">The state feeding the recurrence; defaults to the first state.</param>
/// <param name="Outputs">States exposed as outputs; defaults to the recurrent state.</param>
/// <param name="Initial">Initial values as <c>"n = 1, m = 0"</c>; states not named start at zero.</param>
public sealed record CellText(
    string Gates,
    string States,
    string Equations,
    string? Recurrent = null,
    string? Outputs = null,
    string? Initial = null)
{
    /// <summary>The text of one part; an absent optional part reads as the empty string.</summary>
    /// <param name="part">Which declaration string.</param>
    public string TextOf(CellTextPart part) => part switch
    {
        CellTextPart.Gates => Gates ?? "",
        CellTextPart.States => States ?? "",
        CellTextPart.Recurrent => Recurrent ?? "",
        CellTextPart.Outputs => Outputs ?? "",
        CellTextPart.Initial => Initial ?? "",
        _ => Equations ?? "",
    };
}
