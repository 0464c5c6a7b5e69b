using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>Converts offsets in a text to 1-based line numbers (line breaks: \n, \r\n or \r).</summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };

    public LineMap(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (c == '\r' || c == '\n') _lineStarts.Add(i + 1);
        }
    }

    public int LineOf(int offset)
    {
        int index = _lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
