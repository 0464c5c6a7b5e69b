using System;
using System.Text;

namespace FlashRnn.Gen.Language.Printing;

/// <summary>
/// Writes lines of generated code with indentation. Lines end with '\n' on every platform, so generated text is
/// byte-identical everywhere.
/// </summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private readonly string _indentUnit;
    private int _indent;

    /// <summary>Creates a writer.</summary>
    /// <param name="indentUnit">One level of indentation (four spaces by default).</param>
    /// <param name="indent">The starting level.</param>
    public CodeWriter(string indentUnit = "    ", int indent = 0)
    {
        _indentUnit = indentUnit ?? throw new ArgumentNullException(nameof(indentUnit));
        Indent = indent;
    }

    /// <summary>The current indentation level (not negative).</summary>
    public int Indent
    {
        get => _indent;
        set => _indent = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Expected a level of 0 or more.");
    }

    /// <summary>Writes <paramref name="line"/> at the current indentation (an empty line gets no indentation).</summary>
    /// <param name="line">The line, without a line break.</param>
    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _indent; i++) _text.Append(_indentUnit);
            _text.Append(line);
        }
        _text.Append('\n');
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _text.Append('\n');

    /// <summary>The text written so far.</summary>
    public override string ToString() => _text.ToString();
}
