namespace FlashRnn.Gen.Language;

/// <summary>One equation of the cell as written, for the comments of generated code.</summary>
/// <param name="Line">1-based line of the equation's first character within the equations text.</param>
/// <param name="Target">The name it assigns.</param>
/// <param name="Text">Its source, comments dropped and line breaks folded into single spaces.</param>
public sealed record EquationLine(int Line, string Target, string Text);
