namespace FlashRnn.Gen.Language.Syntax;

/// <summary>
/// One equation <c>target = expression</c>. <see cref="Expression"/> is null when the right side had a syntax error
/// (already reported); the target still counts as assigned so no follow-on "never assigned" error appears.
/// </summary>
internal sealed class EquationSyntax
{
    public EquationSyntax(int index, int line, Token target, ExpressionSyntax? expression, string text)
    {
        Index = index;
        Line = line;
        Target = target;
        Expression = expression;
        Text = text;
    }

    /// <summary>Position among the equations (0-based, text order).</summary>
    public int Index { get; }

    /// <summary>1-based line of the target within the equations text.</summary>
    public int Line { get; }

    public Token Target { get; }

    public string Name => Target.Text;

    public ExpressionSyntax? Expression { get; }

    /// <summary>The equation's source, comments dropped and line breaks folded into spaces (for generated comments).</summary>
    public string Text { get; }
}
