namespace FlashRnn.Gen.Language.Syntax;

/// <summary>The kinds of tokens of the equation language.</summary>
internal enum TokenKind
{
    Identifier,
    Number,
    /// <summary>Something that starts like a number but is not one (<c>1e</c>, <c>2x</c>, <c>1.2.3</c>, <c>.5</c>).</summary>
    BadNumber,
    /// <summary>A character the language does not use.</summary>
    BadCharacter,
    Plus,
    Minus,
    Star,
    Slash,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    Question,
    Colon,
    Assign,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Newline,
    End,
}
