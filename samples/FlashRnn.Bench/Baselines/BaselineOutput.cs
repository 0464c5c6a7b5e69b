using System.Text.Json;
using FlashRnn.Bench.Results;

namespace FlashRnn.Bench.Baselines;

/// <summary>
/// Reads the baseline process's standard output: the script's JSON measurement lines, and the runner's own marker
/// lines (<c>{"frbench_request": i}</c> before request i, <c>{"frbench_request": i, "error": "..."}</c> when it
/// failed). Other lines (warnings, prints) are ignored.
/// </summary>
internal sealed class BaselineOutput
{
    private readonly List<BaselineMeasurement> _measurements = [];
    private readonly List<string> _errors = [];

    public IReadOnlyList<BaselineMeasurement> Measurements => _measurements;

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Parses a whole output.</summary>
    public static BaselineOutput Parse(string stdout, IReadOnlyList<BaselineRequest> requests)
    {
        var output = new BaselineOutput();
        foreach (string line in stdout.Split('\n')) output.Add(line, requests);
        return output;
    }

    /// <summary>Takes one line.</summary>
    public void Add(string line, IReadOnlyList<BaselineRequest> requests)
    {
        line = line.Trim();
        if (!line.StartsWith('{')) return;
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return;
        }
        if (root.TryGetProperty("frbench_request", out JsonElement index))
        {
            if (root.TryGetProperty("error", out JsonElement error))
            {
                int i = index.GetInt32();
                string what = i >= 0 && i < requests.Count ? requests[i].ToString() : $"request {i}";
                _errors.Add($"{what}: {error.GetString()}");
            }
            return;
        }
        BaselineMeasurement? measurement = TryMeasurement(root);
        if (measurement is not null) _measurements.Add(measurement);
    }

    private static BaselineMeasurement? TryMeasurement(JsonElement root)
    {
        try
        {
            var m = root.Deserialize<BaselineMeasurement>();
            return m is { Impl: not null, Cell: not null, DType: not null, Mode: not null } && m.Ms > 0 && double.IsFinite(m.Ms) ? m : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
