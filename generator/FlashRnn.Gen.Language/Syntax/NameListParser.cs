using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>A word of a name list with its position.</summary>
internal readonly struct NameItem
{
    public NameItem(string text, TextSpan span)
    {
        Text = text;
        Span = span;
    }

    public string Text { get; }

    public TextSpan Span { get; }

    public bool IsIdentifier => Lexer.IsIdentifier(Text);
}

/// <summary>
/// Splits Gates, States, Recurrent and Outputs: words separated by blanks (line breaks included) or commas. A word
/// is whatever lies between separators, so <c>a-b</c> is one (invalid) name and its diagnostic covers all of it.
/// </summary>
internal static class NameListParser
{
    public static List<NameItem> Split(string text)
    {
        var items = new List<NameItem>();
        int i = 0;
        while (i < text.Length)
        {
            if (IsSeparator(text[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !IsSeparator(text[i])) i++;
            items.Add(new NameItem(text.Substring(start, i - start), new TextSpan(start, i - start)));
        }
        return items;
    }

    private static bool IsSeparator(char c) => c == ',' || char.IsWhiteSpace(c);
}
