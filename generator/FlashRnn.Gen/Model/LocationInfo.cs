using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlashRnn.Gen.Model;

/// <summary>
/// A source location that holds no syntax tree, so models that carry it stay cheap to compare and do not keep
/// old compilations alive. Turned back into a <see cref="Location"/> only when a diagnostic is reported.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null) return null;
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
