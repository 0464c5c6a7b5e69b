namespace FlashRnn.Bench.Sweep;

/// <summary>What one timed call does.</summary>
internal enum BenchMode
{
    /// <summary><c>fw</c>: the forward pass over the whole sequence from precomputed gate inputs.</summary>
    Forward,

    /// <summary><c>fwbw</c>: the forward pass and the backward pass (gradients of Wx, R, b and the initial states).</summary>
    ForwardBackward,
}
