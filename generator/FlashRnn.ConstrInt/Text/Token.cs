namespace FlashRnn.ConstrInt.Text
{
    /// <summary>Token kinds of the ConstrINT text format.</summary>
    internal enum TokenKind
    {
        Identifier,
        Number,
        String,
        Plus,
        Minus,
        Star,
        Slash,
        Percent,
        LeftParen,
        RightParen,
        LeftBrace,
        RightBrace,
        Comma,
        Colon,
        DotDot,
        LessOrEqual,
        Less,
        GreaterOrEqual,
        Greater,
        EqualEqual,
        NotEqual,
        SingleEqual,
        End,
    }

    /// <summary>One token with its 1-based column; <see cref="Text"/> holds identifiers' and strings' text.</summary>
    internal readonly struct Token
    {
        public Token(TokenKind kind, int column, string text, long number = 0)
        {
            Kind = kind;
            Column = column;
            Text = text;
            Number = number;
        }

        public TokenKind Kind { get; }

        public int Column { get; }

        public string Text { get; }

        public long Number { get; }

        /// <summary>How the token reads in an error message.</summary>
        public string Describe() => Kind switch
        {
            TokenKind.End => "the end of the line",
            TokenKind.Identifier => $"'{Text}'",
            TokenKind.String => $"\"{Text}\"",
            _ => $"'{Text}'",
        };
    }
}
