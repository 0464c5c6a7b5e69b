using System.Globalization;
using FlashRnn.Bench.Sweep;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Baselines;

/// <summary>One invocation of the baseline script: <c>cudnn_rnn.py --cell C --hidden H --batch B --seq T --dtype D --mode both [--impl both]</c>.</summary>
internal sealed record BaselineRequest(string Cell, int Hidden, int Batch, int Steps, string DType, bool WithLoop)
{
    /// <summary>The dtype the project compares every row with: cuDNN's fastest (targets.md anchors LSTM in fp16).</summary>
    public const string ReferenceDType = "fp16";

    /// <summary>The script's arguments.</summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var args = new List<string>
            {
                "--cell", Cell, "--hidden", Invariant(Hidden), "--batch", Invariant(Batch), "--seq", Invariant(Steps),
                "--dtype", DType, "--mode", "both",
            };
            if (WithLoop) args.AddRange(["--impl", "both"]);
            return args;
        }
    }

    /// <summary>
    /// The requests the rows need, in first-use order: for each baseline cell (LSTM stands in for sLSTM), total hidden
    /// size, batch and length, cuDNN in fp16 and in each row's own dtype; the plain PyTorch loop too (in the row's
    /// dtype) when <paramref name="withLoop"/>.
    /// </summary>
    public static IReadOnlyList<BaselineRequest> For(IEnumerable<BenchCase> cases, bool withLoop)
    {
        var requests = new List<BaselineRequest>();
        void Add(BaselineRequest request)
        {
            int same = requests.FindIndex(r => r with { WithLoop = false } == request with { WithLoop = false });
            if (same < 0) requests.Add(request);
            else if (request.WithLoop && !requests[same].WithLoop) requests[same] = request;
        }
        foreach (BenchCase c in cases)
        {
            string dtype = c.DType.StorageName;
            Add(new BaselineRequest(c.Cell.BaselineCell, c.Layout.Hidden, c.Batch, c.Steps, ReferenceDType, withLoop && dtype == ReferenceDType));
            if (dtype != ReferenceDType) Add(new BaselineRequest(c.Cell.BaselineCell, c.Layout.Hidden, c.Batch, c.Steps, dtype, withLoop));
        }
        return requests;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(' ', Arguments);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
