using FlashRnn.Cpu.Tests.Fixtures;
using FlashRnn.Cpu.Tests.Support;

namespace FlashRnn.Cpu.Tests;

/// <summary>What the engine promises a cell and a caller, beyond the numbers: the first-step flag, default initial
/// values, the relation of Last to States, the result helpers, and argument checks other than shapes.</summary>
public class EngineContractTests
{
    [Fact]
    public void FirstStep_is_true_at_step_zero_only()
    {
        var rng = new Random(31);
        var wx = Tensors.Uniform(rng, -1, 1, 2, 5, 1, 2, 3);
        var r = Tensors.Uniform(rng, -1, 1, 1, 2, 3, 3);
        var bias = Tensors.Uniform(rng, -1, 1, 1, 2, 3);
        var initial = Tensors.Uniform(rng, 10, 20, 1, 2, 2, 3);

        var result = CpuReference.Forward<StepCountCell, double>(wx, r, bias, initial);

        for (int b = 0; b < 2; b++)
        for (int t = 0; t < 5; t++)
        for (int h = 0; h < 2; h++)
        for (int j = 0; j < 3; j++)
            Assert.Equal(t + 1.0, result.States[0, b, t, h, j]);

        // Backward passes the same flag: the restart at step 0 cuts the gradient to the initial states.
        var gradients = CpuReference.Backward<StepCountCell, double>(wx, r, bias, initial, result,
            Tensors.Uniform(rng, -1, 1, result.States.Shape), null);
        Assert.All(gradients.DInitialStates.Array, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Null_initial_states_mean_the_cells_initial_values_broadcast()
    {
        var problem = RnnProblem.Random<OffsetStartLstmCell>(32, batch: 3, time: 4, heads: 2, headSize: 5,
            withInitialStates: false);
        var broadcast = GradientTests.BroadcastInitialValues(OffsetStartLstmCell.Info, 3, 2, 5);

        var implicitStart = problem.Forward<OffsetStartLstmCell>();
        var explicitStart = CpuReference.Forward<OffsetStartLstmCell, double>(problem.Wx, problem.R, problem.Bias, broadcast);
        var zeroStart = CpuReference.Forward<OffsetStartLstmCell, double>(problem.Wx, problem.R, problem.Bias,
            new HostTensor<double>(2, 3, 2, 5));

        Assert.True(Tensors.BitwiseEqual(explicitStart.States, implicitStart.States));
        Assert.True(Tensors.BitwiseEqual(explicitStart.Last, implicitStart.Last));
        Assert.False(Tensors.BitwiseEqual(zeroStart.States, implicitStart.States)); // the values do matter
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    public void Last_is_the_state_after_the_final_step_and_State_k_slices_one_state(int batch, int time)
    {
        var problem = RnnProblem.Random<SlstmCell>(33, batch, time, heads: 2, headSize: 3,
            initialRange: RnnProblem.SlstmInitialRange);
        var result = problem.Forward<SlstmCell>();

        Assert.Equal(new TensorShape(4, batch, time, 2, 3), result.States.Shape);
        Assert.Equal(new TensorShape(4, batch, 2, 3), result.Last.Shape);
        Assert.Equal(4, result.StateCount);
        for (int k = 0; k < 4; k++)
        {
            var state = result.State(k);
            var last = result.LastState(k);
            Assert.Equal(new TensorShape(batch, time, 2, 3), state.Shape);
            Assert.Equal(new TensorShape(batch, 2, 3), last.Shape);
            for (int b = 0; b < batch; b++)
            for (int h = 0; h < 2; h++)
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(result.States[k, b, time - 1, h, j], result.Last[k, b, h, j]);
                Assert.Equal(result.Last[k, b, h, j], last[b, h, j]);
                for (int t = 0; t < time; t++) Assert.Equal(result.States[k, b, t, h, j], state[b, t, h, j]);
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => result.State(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.LastState(-1));
    }

    [Fact]
    public void Chaining_two_halves_through_Last_equals_one_run()
    {
        // The sLSTM first-step rule must not fire on the second half: its n is not zero there.
        var problem = RnnProblem.Random<SlstmCell>(34, batch: 2, time: 6, heads: 2, headSize: 3, withInitialStates: false);
        var whole = problem.Forward<SlstmCell>();

        var (first, second) = (SplitTime(problem.Wx, 0, 3), SplitTime(problem.Wx, 3, 3));
        var firstHalf = CpuReference.Forward<SlstmCell, double>(first, problem.R, problem.Bias, null);
        var secondHalf = CpuReference.Forward<SlstmCell, double>(second, problem.R, problem.Bias, firstHalf.Last);

        Assert.True(Tensors.BitwiseEqual(whole.Last, secondHalf.Last));
    }

    [Fact]
    public void Forward_result_rejects_a_last_tensor_that_does_not_fit_its_states()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new RnnForwardResult<double>(new HostTensor<double>(2, 3, 4, 5, 6), new HostTensor<double>(2, 3, 5, 7)));
        Assert.Equal("last", ex.ParamName);
        Assert.StartsWith("last has shape [2, 3, 5, 7], expected [S=2, B=3, NH=5, DH=6] (Last [S, B, NH, DH])", ex.Message);
    }

    [Fact]
    public void Null_tensors_and_a_bad_degree_of_parallelism_are_rejected_by_name()
    {
        var p = RnnProblem.Random<ElmanCell>(35, batch: 1, time: 2, heads: 1, headSize: 2);
        var forward = p.Forward<ElmanCell>();
        Assert.Equal("wx", Assert.Throws<ArgumentNullException>(() => CpuReference.Forward<ElmanCell, double>(null!, p.R, p.Bias, null)).ParamName);
        Assert.Equal("r", Assert.Throws<ArgumentNullException>(() => CpuReference.Forward<ElmanCell, double>(p.Wx, null!, p.Bias, null)).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentNullException>(() => CpuReference.Forward<ElmanCell, double>(p.Wx, p.R, null!, null)).ParamName);
        Assert.Equal("forward", Assert.Throws<ArgumentNullException>(() =>
            CpuReference.Backward<ElmanCell, double>(p.Wx, p.R, p.Bias, null, null!, null, null)).ParamName);
        foreach (int bad in new[] { 0, -2 })
        {
            Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() =>
                CpuReference.Forward<ElmanCell, double>(p.Wx, p.R, p.Bias, null, bad)).ParamName);
            Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() =>
                CpuReference.Backward<ElmanCell, double>(p.Wx, p.R, p.Bias, null, forward, null, null, bad)).ParamName);
        }
    }

    private static HostTensor<double> SplitTime(HostTensor<double> wx, int start, int length)
    {
        var s = wx.Shape;
        var part = new HostTensor<double>(s[0], length, s[2], s[3], s[4]);
        int step = s[2] * s[3] * s[4];
        for (int b = 0; b < s[0]; b++)
            wx.Span.Slice((b * s[1] + start) * step, length * step).CopyTo(part.Span.Slice(b * length * step));
        return part;
    }
}
