using System.Collections.Generic;
using System.Globalization;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>
/// Splits equation text into tokens. Never fails: characters the language does not use become
/// <see cref="TokenKind.BadCharacter"/> tokens and malformed numbers <see cref="TokenKind.BadNumber"/> tokens, which
/// the parser reports where it meets them. Comments (<c>//</c> or <c>#</c> to the end of the line) and blanks are
/// dropped; every line break is one <see cref="TokenKind.Newline"/> token. The list always ends with
/// <see cref="TokenKind.End"/>.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\r' || c == '\n')
            {
                int length = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                tokens.Add(new Token(TokenKind.Newline, new TextSpan(i, length), text.Substring(i, length)));
                i += length;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\r' && text[i] != '\n') i++;
            }
            else if (IsNameStart(c))
            {
                int start = i;
                while (i < text.Length && IsNamePart(text[i])) i++;
                tokens.Add(Make(TokenKind.Identifier, text, start, i));
            }
            else if (IsDigit(c) || (c == '.' && i + 1 < text.Length && IsDigit(text[i + 1]) && !FollowsOperand(text, i)))
            {
                i = ScanNumber(text, i, tokens);
            }
            else
            {
                i = ScanPunctuation(text, i, tokens);
            }
        }
        tokens.Add(new Token(TokenKind.End, new TextSpan(text.Length, 0), ""));
        return tokens;
    }

    public static bool IsNameStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    public static bool IsNamePart(char c) => IsNameStart(c) || IsDigit(c);

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>True when <paramref name="text"/> is an identifier (ASCII letters, digits, '_', not starting with a digit).</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !IsNameStart(text[0])) return false;
        foreach (char c in text)
        {
            if (!IsNamePart(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// Parses the decimal literal <paramref name="text"/> (digits, optional fraction, optional exponent). False for
    /// anything else, including values too large for a double.
    /// </summary>
    public static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        int i = 0;
        int digits = 0;
        while (i < text.Length && IsDigit(text[i])) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i])) { i++; digits++; }
        }
        if (digits == 0 || !IsDigit(text[0])) return false;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            int exponentDigits = 0;
            while (i < text.Length && IsDigit(text[i])) { i++; exponentDigits++; }
            if (exponentDigits == 0) return false;
        }
        if (i != text.Length) return false;
        // .NET Framework's double.Parse throws on overflow where .NET Core returns infinity: TryParse is safe on both.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
               !double.IsInfinity(value) && !double.IsNaN(value);
    }

    private static int ScanNumber(string text, int start, List<Token> tokens)
    {
        int i = start;
        while (i < text.Length && IsDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int signAt = i + 1;
            int firstDigit = signAt < text.Length && (text[signAt] == '+' || text[signAt] == '-') ? signAt + 1 : signAt;
            if (firstDigit < text.Length && IsDigit(text[firstDigit]))
            {
                i = firstDigit;
                while (i < text.Length && IsDigit(text[i])) i++;
            }
        }
        // Letters, digits, '_' or '.' glued to a number make the whole run one malformed number ("2x", "1e", "1.2.3").
        while (i < text.Length && (IsNamePart(text[i]) || text[i] == '.')) i++;

        string literal = text.Substring(start, i - start);
        tokens.Add(TryParseNumber(literal, out double value)
            ? new Token(TokenKind.Number, new TextSpan(start, i - start), literal, value)
            : new Token(TokenKind.BadNumber, new TextSpan(start, i - start), literal));
        return i;
    }

    private static int ScanPunctuation(string text, int i, List<Token> tokens)
    {
        char c = text[i];
        char next = i + 1 < text.Length ? text[i + 1] : '\0';
        TokenKind kind;
        int length = 1;
        switch (c)
        {
            case '+': kind = TokenKind.Plus; break;
            case '-': kind = TokenKind.Minus; break;
            case '*': kind = TokenKind.Star; break;
            case '/': kind = TokenKind.Slash; break;
            case '(': kind = TokenKind.OpenParen; break;
            case ')': kind = TokenKind.CloseParen; break;
            case ',': kind = TokenKind.Comma; break;
            case '.': kind = TokenKind.Dot; break;
            case '?': kind = TokenKind.Question; break;
            case ':': kind = TokenKind.Colon; break;
            case '=' when next == '=': kind = TokenKind.EqualEqual; length = 2; break;
            case '=': kind = TokenKind.Assign; break;
            case '!' when next == '=': kind = TokenKind.NotEqual; length = 2; break;
            case '<' when next == '=': kind = TokenKind.LessEqual; length = 2; break;
            case '<': kind = TokenKind.Less; break;
            case '>' when next == '=': kind = TokenKind.GreaterEqual; length = 2; break;
            case '>': kind = TokenKind.Greater; break;
            default:
                kind = TokenKind.BadCharacter;
                // Keep a surrogate pair together so the span covers the whole character.
                if (char.IsHighSurrogate(c) && char.IsLowSurrogate(next)) length = 2;
                break;
        }
        tokens.Add(Make(kind, text, i, i + length));
        return i + length;
    }

    /// <summary>True when the character before position <paramref name="dot"/> ends an operand (so '.' is member access).</summary>
    private static bool FollowsOperand(string text, int dot) => dot > 0 && (IsNamePart(text[dot - 1]) || text[dot - 1] == ')');

    private static Token Make(TokenKind kind, string text, int start, int end)
        => new(kind, new TextSpan(start, end - start), text.Substring(start, end - start));
}
