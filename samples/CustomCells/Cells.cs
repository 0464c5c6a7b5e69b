using FlashRnn;

namespace CustomCells;

/// <summary>
/// Multiplicative-integration RNN (Wu et al., 2016): the input and recurrent contributions meet in a Hadamard
/// product as well as a sum, h = tanh(α ⊙ Wx ⊙ Rh + β1 ⊙ Wx + β2 ⊙ Rh + b). Here α = 1 and the β are folded into
/// the projections. It needs a gate's input part and recurrent part separately, which the cell language gives as
/// <c>g.input</c> and <c>g.recurrent</c> (the recurrent part includes the bias).
/// </summary>
[RnnCell(Gates = "g", States = "h")]
[Equations("""
    h = tanh(g.input * g.recurrent + g.input + g.recurrent)
    """)]
[Specialize(Heads = 4, HeadSize = 64, DType = RnnDType.BFloat16)]
public static partial class MultiplicativeRnn;

/// <summary>
/// A coupled-gate LSTM with peepholes (Greff et al., 2017, "CIFG" with peephole connections): the forget gate is
/// one minus the input gate, and the gates look at the cell state. A single decay floor keeps long memories from
/// vanishing entirely.
/// </summary>
[RnnCell(Gates = "i z o", States = "h c", Recurrent = "h", Outputs = "h c")]
[Specialize(Heads = 12, HeadSize = 64, DType = RnnDType.BFloat16)]
[Equations("""
    // input gate peeks at the old cell, the output gate at the new one
    input = sigmoid(i + 0.5 * c)
    keep = max(1 - input, 0.05)
    c = keep * c + input * tanh(z)
    h = sigmoid(o + 0.5 * c) * tanh(c)
    """)]
public static partial class PeepholeCifg;
