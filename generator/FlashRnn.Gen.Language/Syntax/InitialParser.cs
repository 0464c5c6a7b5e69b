using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>One <c>state = value</c> entry of the Initial text, split but not yet checked.</summary>
internal readonly struct InitialEntry
{
    public InitialEntry(TextSpan entry, NameItem name, string valueText, TextSpan valueSpan, bool hasEquals)
    {
        Entry = entry;
        Name = name;
        ValueText = valueText;
        ValueSpan = valueSpan;
        HasEquals = hasEquals;
    }

    /// <summary>The whole entry, blanks trimmed.</summary>
    public TextSpan Entry { get; }

    /// <summary>The text before '=' (trimmed); empty when there is none.</summary>
    public NameItem Name { get; }

    /// <summary>The text after '=' (trimmed).</summary>
    public string ValueText { get; }

    public TextSpan ValueSpan { get; }

    public bool HasEquals { get; }
}

/// <summary>Splits the Initial text into entries at commas, semicolons and line breaks; empty entries are skipped.</summary>
internal static class InitialParser
{
    public static List<InitialEntry> Split(string text)
    {
        var entries = new List<InitialEntry>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsSeparator(text[i])) continue;
            (int entryStart, int entryEnd) = Trim(text, start, i);
            if (entryEnd > entryStart) entries.Add(Entry(text, entryStart, entryEnd));
            start = i + 1;
        }
        return entries;
    }

    /// <summary>
    /// Reads a constant: an optional sign and a decimal literal. Null when the text is not one; <paramref name="looksNumeric"/>
    /// then says whether it was meant as a number (so the diagnostic can say "malformed number" rather than "not a constant").
    /// </summary>
    public static double? ReadConstant(string text, out bool looksNumeric)
    {
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        }
        string literal = text.Substring(i);
        looksNumeric = literal.Length > 0 && (Lexer.IsDigit(literal[0]) || literal[0] == '.') && IsSingleWord(literal);
        if (!Lexer.TryParseNumber(literal, out double value)) return null;
        return negative ? -value : value;
    }

    private static bool IsSingleWord(string text)
    {
        foreach (char c in text)
        {
            if (!Lexer.IsNamePart(c) && c != '.' && c != '+' && c != '-') return false;
        }
        return true;
    }

    private static InitialEntry Entry(string text, int start, int end)
    {
        int equals = text.IndexOf('=', start, end - start);
        if (equals < 0)
        {
            return new InitialEntry(new TextSpan(start, end - start), new NameItem("", new TextSpan(start, 0)), "",
                new TextSpan(end, 0), hasEquals: false);
        }
        (int nameStart, int nameEnd) = Trim(text, start, equals);
        (int valueStart, int valueEnd) = Trim(text, equals + 1, end);
        return new InitialEntry(
            new TextSpan(start, end - start),
            new NameItem(text.Substring(nameStart, nameEnd - nameStart), new TextSpan(nameStart, nameEnd - nameStart)),
            text.Substring(valueStart, valueEnd - valueStart),
            new TextSpan(valueStart, valueEnd - valueStart),
            hasEquals: true);
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return (start, end);
    }

    private static bool IsSeparator(char c) => c == ',' || c == ';' || c == '\n' || c == '\r';
}
