using FlashRnn;

namespace FlashRnn.Kernels.Tests.Cells;

// Two cells no kernel was written for, to show the templates work for any declared cell.

/// <summary>Multiplicative-integration RNN: uses a gate's input and recurrent parts separately.</summary>
[RnnCell(Gates = "g", States = "h")]
[Equations("""
    h = tanh(g.input * g.recurrent + g.input + g.recurrent)
    """)]
[Specialize(Heads = 4, HeadSize = 64, DType = RnnDType.BFloat16)]
public static partial class MultiplicativeRnn;

/// <summary>A coupled-gate LSTM with peepholes, three gates, two output states, a max and constants.</summary>
[RnnCell(Gates = "i z o", States = "h c", Recurrent = "h", Outputs = "h c")]
[Equations("""
    input = sigmoid(i + 0.5 * c)
    keep = max(1 - input, 0.05)
    c = keep * c + input * tanh(z)
    h = sigmoid(o + 0.5 * c) * tanh(c)
    """)]
[Specialize(Heads = 12, HeadSize = 64, DType = RnnDType.BFloat16)]
public static partial class PeepholeCifg;
