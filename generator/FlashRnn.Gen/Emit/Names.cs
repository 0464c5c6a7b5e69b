using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashRnn.Gen.Emit;

/// <summary>Spelling helpers for emitted C#.</summary>
internal static class Names
{
    /// <summary>A cell-language name as a C# identifier (keywords get an <c>@</c>).</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.UnderscoreToken
            ? "@" + name
            : name;

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A C# double literal that round-trips.</summary>
    public static string Literal(double value)
    {
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (double.IsNaN(value)) return "double.NaN";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
    }

    /// <summary>A comma-separated list of literals.</summary>
    public static string Literals(System.Collections.Generic.IEnumerable<string> values) => string.Join(", ", values.Select(Literal));
}
