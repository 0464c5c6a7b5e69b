using System.Collections.Generic;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Text
{
    /// <summary>Splits one line of the text format into tokens; <c>#</c> starts a comment.</summary>
    internal static class Lexer
    {
        /// <summary>Tokenizes <paramref name="line"/>; on a lexical error returns false with a message and column.</summary>
        public static bool TryTokenize(string line, out List<Token> tokens, out string? error, out int errorColumn)
        {
            tokens = new List<Token>();
            error = null;
            errorColumn = 0;
            int i = 0;
            while (i < line.Length)
            {
                char c = line[i];
                int column = i + 1;
                if (c == '#')
                {
                    break;
                }

                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                if (Identifiers.IsIdentifierStart(c))
                {
                    int start = i;
                    while (i < line.Length && Identifiers.IsIdentifierPart(line[i]))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Identifier, column, line.Substring(start, i - start)));
                    continue;
                }

                if (c >= '0' && c <= '9')
                {
                    if (!TryReadNumber(line, ref i, out long value, out error))
                    {
                        errorColumn = column;
                        return false;
                    }

                    tokens.Add(new Token(TokenKind.Number, column, line.Substring(column - 1, i - column + 1), value));
                    continue;
                }

                if (c == '"')
                {
                    int close = line.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        error = "this label's closing '\"' is missing";
                        errorColumn = column;
                        return false;
                    }

                    tokens.Add(new Token(TokenKind.String, column, line.Substring(i + 1, close - i - 1)));
                    i = close + 1;
                    continue;
                }

                char next = i + 1 < line.Length ? line[i + 1] : '\0';
                TokenKind? kind = null;
                int length = 1;
                switch (c)
                {
                    case '+': kind = TokenKind.Plus; break;
                    case '-': kind = TokenKind.Minus; break;
                    case '*': kind = TokenKind.Star; break;
                    case '/': kind = TokenKind.Slash; break;
                    case '%': kind = TokenKind.Percent; break;
                    case '(': kind = TokenKind.LeftParen; break;
                    case ')': kind = TokenKind.RightParen; break;
                    case '{': kind = TokenKind.LeftBrace; break;
                    case '}': kind = TokenKind.RightBrace; break;
                    case ',': kind = TokenKind.Comma; break;
                    case ':': kind = TokenKind.Colon; break;
                    case '.' when next == '.': kind = TokenKind.DotDot; length = 2; break;
                    case '<' when next == '=': kind = TokenKind.LessOrEqual; length = 2; break;
                    case '<': kind = TokenKind.Less; break;
                    case '>' when next == '=': kind = TokenKind.GreaterOrEqual; length = 2; break;
                    case '>': kind = TokenKind.Greater; break;
                    case '=' when next == '=': kind = TokenKind.EqualEqual; length = 2; break;
                    case '=': kind = TokenKind.SingleEqual; break;
                    case '!' when next == '=': kind = TokenKind.NotEqual; length = 2; break;
                }

                if (kind is null)
                {
                    error = $"unexpected character '{c}'";
                    errorColumn = column;
                    return false;
                }

                tokens.Add(new Token(kind.Value, column, line.Substring(i, length)));
                i += length;
            }

            tokens.Add(new Token(TokenKind.End, line.Length + 1, ""));
            return true;
        }

        /// <summary>Reads decimal digits (with optional '_' separators) as a value within ±2^62.</summary>
        private static bool TryReadNumber(string line, ref int i, out long value, out string? error)
        {
            value = 0;
            error = null;
            int start = i;
            bool tooLarge = false;
            while (i < line.Length && ((line[i] >= '0' && line[i] <= '9') || line[i] == '_'))
            {
                if (line[i] != '_')
                {
                    long digit = line[i] - '0';
                    if (value > (IntMath.Limit - digit) / 10)
                    {
                        tooLarge = true;
                    }
                    else
                    {
                        value = (value * 10) + digit;
                    }
                }

                i++;
            }

            if (i < line.Length && Identifiers.IsIdentifierStart(line[i]))
            {
                error = $"'{line.Substring(start, i - start + 1)}' is not a number: write a space or an operator between a number and a name";
                return false;
            }

            if (tooLarge)
            {
                error = $"the number {line.Substring(start, i - start)} is larger than 2^62 (4611686018427387904), the largest value ConstrINT handles";
                return false;
            }

            return true;
        }
    }
}
