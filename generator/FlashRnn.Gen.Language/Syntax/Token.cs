namespace FlashRnn.Gen.Language.Syntax;

/// <summary>A token: its kind, its characters and, for numbers, its value.</summary>
internal readonly struct Token
{
    public Token(TokenKind kind, TextSpan span, string text, double value = 0)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Value = value;
    }

    public TokenKind Kind { get; }

    public TextSpan Span { get; }

    public string Text { get; }

    /// <summary>The value of a <see cref="TokenKind.Number"/>.</summary>
    public double Value { get; }

    public bool IsComparison => Kind is TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or
        TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual;

    /// <summary>True for tokens after which a line continues (a binary operator, '(', ',', '?', ':', '=').</summary>
    public bool ExpectsOperand => IsComparison || Kind is TokenKind.Plus or TokenKind.Minus or TokenKind.Star or
        TokenKind.Slash or TokenKind.OpenParen or TokenKind.Comma or TokenKind.Question or TokenKind.Colon or
        TokenKind.Assign;

    /// <summary>How a diagnostic names this token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Newline => "end of line",
        TokenKind.End => "end of the equations",
        TokenKind.Identifier => "name '" + Text + "'",
        TokenKind.Number => "number '" + Text + "'",
        _ => "'" + Text + "'",
    };

    public override string ToString() => Kind + " '" + Text + "' " + Span;
}
