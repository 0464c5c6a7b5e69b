using FlashRnn.Cpu.Tests.Fixtures;
using FlashRnn.Cpu.Tests.Support;

namespace FlashRnn.Cpu.Tests;

/// <summary>
/// Every argument with a wrong shape is rejected before any work, with an <see cref="ArgumentException"/> naming
/// the argument, the expected shape (with dimension names) and the actual one; the caller's tensors are untouched.
/// The valid call is an LSTM (G = 4, S = 2) with B = 3, T = 5, NH = 2, DH = 8.
/// </summary>
public class ShapeErrorTests
{
    private const string WxExpected = "expected [B, T, G=4, NH, DH] (Wx [B, T, G, NH, DH])";
    private const string RExpected = "expected [G=4, NH=2, DH=8, DH=8] (R [G, NH, DHin, DHout])";
    private const string BiasExpected = "expected [G=4, NH=2, DH=8] (bias [G, NH, DH])";
    private const string InitialExpected = "expected [S=2, B=3, NH=2, DH=8] (initial states [S, B, NH, DH])";

    public static TheoryData<string, int[], string> ForwardCases => new()
    {
        { "wx", [3, 5, 4, 2], "wx has shape [3, 5, 4, 2], " + WxExpected },
        { "wx", [3, 5, 3, 2, 8], "wx has shape [3, 5, 3, 2, 8], " + WxExpected },
        { "wx", [3, 5, 4, 2, 8, 1], "wx has shape [3, 5, 4, 2, 8, 1], " + WxExpected },
        { "r", [4, 2, 8, 9], "r has shape [4, 2, 8, 9], " + RExpected },
        { "r", [4, 2, 9, 8], "r has shape [4, 2, 9, 8], " + RExpected },
        { "r", [3, 2, 8, 8], "r has shape [3, 2, 8, 8], " + RExpected },
        { "r", [4, 1, 8, 8], "r has shape [4, 1, 8, 8], " + RExpected },
        { "r", [4, 2, 8], "r has shape [4, 2, 8], " + RExpected },
        { "bias", [4, 2, 7], "bias has shape [4, 2, 7], " + BiasExpected },
        { "bias", [1, 2, 8], "bias has shape [1, 2, 8], " + BiasExpected },
        { "bias", [4, 2, 8, 1], "bias has shape [4, 2, 8, 1], " + BiasExpected },
        { "initialStates", [1, 3, 2, 8], "initialStates has shape [1, 3, 2, 8], " + InitialExpected },
        { "initialStates", [2, 4, 2, 8], "initialStates has shape [2, 4, 2, 8], " + InitialExpected },
        { "initialStates", [2, 3, 2, 7], "initialStates has shape [2, 3, 2, 7], " + InitialExpected },
        { "initialStates", [2, 3, 1, 2, 8], "initialStates has shape [2, 3, 1, 2, 8], " + InitialExpected },
    };

    public static TheoryData<string, int[], string> BackwardOnlyCases => new()
    {
        { "forward", [2, 3, 4, 2, 8], "forward.States has shape [2, 3, 4, 2, 8], expected [S=2, B=3, T=5, NH=2, DH=8] (States [S, B, T, NH, DH])" },
        { "forward", [4, 3, 5, 2, 8], "forward.States has shape [4, 3, 5, 2, 8], expected [S=2, B=3, T=5, NH=2, DH=8] (States [S, B, T, NH, DH])" },
        { "dStates", [2, 3, 5, 2, 7], "dStates has shape [2, 3, 5, 2, 7], expected [S=2, B=3, T=5, NH=2, DH=8] (dStates [S, B, T, NH, DH])" },
        { "dStates", [2, 3, 2, 8], "dStates has shape [2, 3, 2, 8], expected [S=2, B=3, T=5, NH=2, DH=8] (dStates [S, B, T, NH, DH])" },
        { "dLast", [2, 3, 5, 2, 8], "dLast has shape [2, 3, 5, 2, 8], expected [S=2, B=3, NH=2, DH=8] (dLast [S, B, NH, DH])" },
        { "dLast", [2, 1, 2, 8], "dLast has shape [2, 1, 2, 8], expected [S=2, B=3, NH=2, DH=8] (dLast [S, B, NH, DH])" },
    };

    [Theory, MemberData(nameof(ForwardCases))]
    public void Forward_rejects_a_wrong_shape_by_argument_and_writes_nothing(string argument, int[] badShape, string message)
    {
        var call = Call.Valid().With(argument, badShape);
        var before = call.Snapshot();

        var ex = Assert.Throws<ArgumentException>(() =>
            CpuReference.Forward<LstmCell, double>(call.Wx, call.R, call.Bias, call.Initial));

        Assert.Equal(argument, ex.ParamName);
        Assert.Equal($"{message} (Parameter '{argument}')", ex.Message);
        call.AssertUnchanged(before);
    }

    [Theory]
    [MemberData(nameof(ForwardCases))]
    [MemberData(nameof(BackwardOnlyCases))]
    public void Backward_rejects_a_wrong_shape_by_argument_and_writes_nothing(string argument, int[] badShape, string message)
    {
        var call = Call.Valid().With(argument, badShape);
        var before = call.Snapshot();

        var ex = Assert.Throws<ArgumentException>(() => CpuReference.Backward<LstmCell, double>(
            call.Wx, call.R, call.Bias, call.Initial, call.Forward, call.DStates, call.DLast));

        Assert.Equal(argument, ex.ParamName);
        Assert.Equal($"{message} (Parameter '{argument}')", ex.Message);
        call.AssertUnchanged(before);
    }

    [Fact]
    public void The_valid_call_itself_succeeds()
    {
        var call = Call.Valid();
        var forward = CpuReference.Forward<LstmCell, double>(call.Wx, call.R, call.Bias, call.Initial);
        var gradients = CpuReference.Backward<LstmCell, double>(call.Wx, call.R, call.Bias, call.Initial, forward,
            call.DStates, call.DLast);
        Assert.Equal(call.Wx.Shape, gradients.DWx.Shape);
        Assert.Equal(call.R.Shape, gradients.DR.Shape);
        Assert.Equal(call.Bias.Shape, gradients.DBias.Shape);
        Assert.Equal(call.Initial!.Shape, gradients.DInitialStates.Shape);
    }

    /// <summary>One call's arguments; every tensor holds random values so that any write would show.</summary>
    private sealed record Call(HostTensor<double> Wx, HostTensor<double> R, HostTensor<double> Bias,
        HostTensor<double>? Initial, RnnForwardResult<double> Forward, HostTensor<double>? DStates, HostTensor<double>? DLast)
    {
        private static readonly Random Rng = new(61);

        public static Call Valid()
        {
            var p = RnnProblem.Random<LstmCell>(61, batch: 3, time: 5, heads: 2, headSize: 8);
            var forward = p.Forward<LstmCell>();
            return new Call(p.Wx, p.R, p.Bias, p.InitialStates, forward,
                Random(forward.States.Shape.Dims.ToArray()), Random(forward.Last.Shape.Dims.ToArray()));
        }

        public Call With(string argument, int[] shape) => argument switch
        {
            "wx" => this with { Wx = Random(shape) },
            "r" => this with { R = Random(shape) },
            "bias" => this with { Bias = Random(shape) },
            "initialStates" => this with { Initial = Random(shape) },
            // A self-consistent forward result of the wrong size: Last is States without its T axis.
            "forward" => this with { Forward = new RnnForwardResult<double>(Random(shape), Random([shape[0], shape[1], shape[3], shape[4]])) },
            "dStates" => this with { DStates = Random(shape) },
            "dLast" => this with { DLast = Random(shape) },
            _ => throw new ArgumentOutOfRangeException(nameof(argument), argument, null),
        };

        public double[][] Snapshot() => Tensors().Select(t => (double[])t.Array.Clone()).ToArray();

        public void AssertUnchanged(double[][] before)
        {
            var now = Tensors().ToArray();
            for (int i = 0; i < now.Length; i++) Assert.Equal(before[i], now[i].Array);
        }

        private IEnumerable<HostTensor<double>> Tensors()
            => new[] { Wx, R, Bias, Initial, Forward.States, Forward.Last, DStates, DLast }.OfType<HostTensor<double>>();

        private static HostTensor<double> Random(int[] shape) => Support.Tensors.Uniform(Rng, -1, 1, shape);
    }
}
