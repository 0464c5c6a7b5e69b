using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Model;

namespace FlashRnn.Gen.Parsing;

/// <summary>A point of the source file: absolute position plus line and column.</summary>
internal readonly record struct SourcePoint(int Position, int Line, int Character);

/// <summary>
/// Maps character offsets of an attribute string's value to positions in the source file, so a diagnostic about
/// the equations lands on the exact characters inside the attribute text. Handles regular strings (with escape
/// sequences), verbatim strings and raw string literals (single and multi-line, with their indentation removed).
/// When the argument is not a literal (a constant, a concatenation), every offset maps to the whole argument.
/// </summary>
internal sealed record LiteralMap(string FilePath, EquatableArray<SourcePoint> Points, LocationInfo Whole)
{
    /// <summary>The location of <paramref name="length"/> value characters starting at <paramref name="start"/>.</summary>
    public LocationInfo Map(int start, int length)
    {
        if (Points.Count == 0 || start < 0 || start + Math.Max(length, 0) >= Points.Count) return Whole;
        SourcePoint a = Points[start];
        SourcePoint b = Points[start + Math.Max(length, 0)];
        if (b.Position < a.Position) b = a;
        return new LocationInfo(FilePath, TextSpan.FromBounds(a.Position, b.Position),
            new LinePositionSpan(new LinePosition(a.Line, a.Character), new LinePosition(b.Line, b.Character)));
    }

    public static LiteralMap Create(ExpressionSyntax expression, string value)
    {
        SyntaxTree tree = expression.SyntaxTree;
        LocationInfo whole = LocationInfo.From(expression.GetLocation())!;
        int[]? offsets = expression is LiteralExpressionSyntax literal ? ValueOffsets(literal.Token, value) : null;
        if (offsets is null) return new LiteralMap(tree.FilePath, EquatableArray<SourcePoint>.Empty, whole);

        SourceText text = tree.GetText();
        var points = new SourcePoint[offsets.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            LinePosition lp = text.Lines.GetLinePosition(offsets[i]);
            points[i] = new SourcePoint(offsets[i], lp.Line, lp.Character);
        }
        return new LiteralMap(tree.FilePath, points.ToEquatableArray(), whole);
    }

    /// <summary>
    /// Absolute source offsets of each value character, plus one past the last; null when the token's decoded text
    /// does not reproduce <paramref name="value"/> (then nothing is guessed).
    /// </summary>
    private static int[]? ValueOffsets(SyntaxToken token, string value)
    {
        string src = token.Text;
        int origin = token.SpanStart;
        var offsets = new List<int>(value.Length + 1);
        var decoded = new System.Text.StringBuilder(value.Length);

        void Emit(char c, int at) { decoded.Append(c); offsets.Add(origin + at); }

        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when src.StartsWith("@", StringComparison.Ordinal):
                for (int i = 2; i < src.Length - 1; i++)
                {
                    Emit(src[i], i);
                    if (src[i] == '"') i++; // "" stands for one quote
                }
                offsets.Add(origin + src.Length - 1);
                break;

            case SyntaxKind.StringLiteralToken:
                for (int i = 1; i < src.Length - 1;)
                {
                    if (src[i] != '\\') { Emit(src[i], i); i++; continue; }
                    int start = i;
                    string? piece = DecodeEscape(src, ref i);
                    if (piece is null) return null;
                    foreach (char c in piece) Emit(c, start);
                }
                offsets.Add(origin + src.Length - 1);
                break;

            case SyntaxKind.SingleLineRawStringLiteralToken:
            {
                int quotes = CountQuotes(src, 0);
                for (int i = quotes; i < src.Length - quotes; i++) Emit(src[i], i);
                offsets.Add(origin + src.Length - quotes);
                break;
            }

            case SyntaxKind.MultiLineRawStringLiteralToken:
            {
                int quotes = CountQuotes(src, 0);
                int closingQuotesStart = src.Length - quotes;
                int closingLineStart = src.LastIndexOf('\n', closingQuotesStart - 1) + 1;
                int indent = closingQuotesStart - closingLineStart;
                int firstContent = src.IndexOf('\n', quotes) + 1;
                // Content lines run from firstContent up to the newline that precedes the closing line.
                int contentEnd = closingLineStart - 1;
                if (contentEnd > 0 && src[contentEnd - 1] == '\r') contentEnd--;
                int lineStart = firstContent;
                while (lineStart <= contentEnd)
                {
                    int nl = src.IndexOf('\n', lineStart);
                    // Exclusive end at the '\n'; a CRLF file keeps its '\r' in the value, as the compiler does.
                    int lineEnd = nl < 0 || nl > contentEnd ? contentEnd : nl;
                    int textStart = Math.Min(lineStart + indent, lineEnd);
                    for (int i = textStart; i < lineEnd; i++) Emit(src[i], i);
                    if (lineEnd >= contentEnd) break;
                    Emit('\n', lineEnd);
                    lineStart = lineEnd + 1;
                }
                offsets.Add(origin + contentEnd);
                break;
            }

            default:
                return null;
        }

        return decoded.ToString() == value ? offsets.ToArray() : null;
    }

    private static int CountQuotes(string s, int from)
    {
        int n = 0;
        while (from + n < s.Length && s[from + n] == '"') n++;
        return n;
    }

    private static string? DecodeEscape(string s, ref int i)
    {
        // s[i] == '\\'
        if (i + 1 >= s.Length) return null;
        char kind = s[i + 1];
        i += 2;
        switch (kind)
        {
            case '\'': return "'";
            case '"': return "\"";
            case '\\': return "\\";
            case '0': return "\0";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'e': return "\u001b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'v': return "\v";
            case 'u': return Hex(s, ref i, 4, 4);
            case 'U': return Hex(s, ref i, 8, 8);
            case 'x': return Hex(s, ref i, 1, 4);
            default: return null;
        }
    }

    private static string? Hex(string s, ref int i, int min, int max)
    {
        int start = i, value = 0;
        while (i < s.Length - 1 && i - start < max && Uri.IsHexDigit(s[i]))
        {
            value = value * 16 + Convert.ToInt32(s[i].ToString(), 16);
            i++;
        }
        if (i - start < min) return null;
        return char.ConvertFromUtf32(value);
    }
}
