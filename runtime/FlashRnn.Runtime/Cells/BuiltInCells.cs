// The four seed cells of FlashRNN, declared with the same public attributes a user writes. The generator knows
// none of them by name: everything below is generated from these declarations.

namespace FlashRnn.Cells;

/// <summary>
/// Long short-term memory (Hochreiter and Schmidhuber), as in torch.nn.LSTM: gates input i, forget f, cell
/// candidate z, output o; states h (recurrent, output) and c.
/// </summary>
[RnnCell(Gates = "i f z o", States = "h c", Recurrent = "h")]
[Equations("""
    c = sigmoid(f) * c + sigmoid(i) * tanh(z)
    h = sigmoid(o) * tanh(c)
    """)]
[Specialize(Heads = 1, HeadSize = 768, DType = RnnDType.BFloat16)]
[Specialize(Heads = 12, HeadSize = 64, DType = RnnDType.BFloat16)]
public static partial class Lstm;

/// <summary>
/// Gated recurrent unit with PyTorch's semantics (torch.nn.GRU): the reset gate scales the recurrent part of the
/// candidate including its own bias, n = tanh(x_n + b_in + r * (R_n h + b_hn)). Fold b_i* into Wx; the bias
/// argument carries b_h*.
/// </summary>
[RnnCell(Gates = "r z n", States = "h")]
[Equations("""
    reset = sigmoid(r)
    update = sigmoid(z)
    candidate = tanh(n.input + reset * n.recurrent)
    h = update * h + (1 - update) * candidate
    """)]
[Specialize(Heads = 1, HeadSize = 768, DType = RnnDType.BFloat16)]
public static partial class Gru;

/// <summary>
/// xLSTM's scalar LSTM (sLSTM) as in FlashRNN: exponential input and forget gates with normaliser n and stabiliser
/// m; on the first step (while n is zero) m starts at the input gate.
/// </summary>
[RnnCell(Gates = "i f z o", States = "y c n m", Recurrent = "y")]
[Equations("""
    a = logsigmoid(f) + m
    m = n == 0 ? i : max(i, a)
    ig = exp(i - m)
    fg = exp(a - m)
    c = fg * c + ig * tanh(z)
    n = max(fg * n + ig, 1)
    y = sigmoid(o) * c / n
    """)]
[Specialize(Heads = 12, HeadSize = 64, DType = RnnDType.BFloat16)]
public static partial class SLstm;

/// <summary>Elman network (torch.nn.RNN with tanh): h = tanh(W x + R h + b).</summary>
[RnnCell(Gates = "g", States = "h")]
[Equations("""
    h = tanh(g)
    """)]
[Specialize(Heads = 1, HeadSize = 768, DType = RnnDType.Float16)]
public static partial class Elman;
