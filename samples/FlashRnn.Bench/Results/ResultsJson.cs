using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashRnn.Bench.Results;

/// <summary>Reads and writes results.json (camelCase names, indented; NaN and infinities never occur: errors are null then).</summary>
internal static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The same, on one line (the compile-time child's output).</summary>
    public static JsonSerializerOptions SingleLineOptions { get; } = new(Options) { WriteIndented = false };

    public static string Serialize(ResultsDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> through a temporary file, so a reader never sees half a file.</summary>
    public static void Write(ResultsDocument document, string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        File.WriteAllText(temporary, Serialize(document));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a results.json.</summary>
    /// <exception cref="InvalidDataException">The file is not a results document of a known schema.</exception>
    public static ResultsDocument Read(string path)
    {
        ResultsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ResultsDocument>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a results.json of FlashRnn.Bench: {e.Message}", e);
        }
        if (document is null || document.Schema != ResultsDocument.CurrentSchema)
            throw new InvalidDataException($"{path} has schema '{document?.Schema}', expected '{ResultsDocument.CurrentSchema}'.");
        return document;
    }
}
