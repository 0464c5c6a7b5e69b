// Shared test source: linked into FlashRnn.Gen.Language.Tests and into the generator's tests.
// The four cells of FlashRNN written in the cell language, as their attributes would hold them.
using FlashRnn.Gen.Language;

namespace FlashRnn.Gen.Language.Testing;

/// <summary>The four seed cells (LSTM, GRU in PyTorch's form, sLSTM, Elman) as cell texts.</summary>
public static class SeedCells
{
    /// <summary>LSTM: gates i f z o; states h (recurrent, output) and c.</summary>
    public static CellText Lstm { get; } = new(
        Gates: "i f z o",
        States: "h c",
        Recurrent: "h",
        Equations: """
            c = sigmoid(f) * c + sigmoid(i) * tanh(z)
            h = sigmoid(o) * tanh(c)
            """);

    /// <summary>GRU with PyTorch's reset placement: the reset gate scales the candidate's recurrent part.</summary>
    public static CellText Gru { get; } = new(
        Gates: "r z n",
        States: "h",
        Equations: """
            reset = sigmoid(r)
            update = sigmoid(z)
            candidate = tanh(n.input + reset * n.recurrent)
            h = update * h + (1 - update) * candidate
            """);

    /// <summary>sLSTM (xLSTM's scalar LSTM) with the stabiliser state m.</summary>
    public static CellText SLstm { get; } = new(
        Gates: "i f z o",
        States: "y c n m",
        Recurrent: "y",
        Equations: """
            a = logsigmoid(f) + m
            m = n == 0 ? i : max(i, a)
            ig = exp(i - m)
            fg = exp(a - m)
            c = fg * c + ig * tanh(z)
            n = max(fg * n + ig, 1)
            y = sigmoid(o) * c / n
            """);

    /// <summary>Elman: h = tanh(g).</summary>
    public static CellText Elman { get; } = new(Gates: "g", States: "h", Equations: "h = tanh(g)");

    /// <summary>All four, with their names.</summary>
    public static (string Name, CellText Text)[] All { get; } =
    {
        ("LSTM", Lstm), ("GRU", Gru), ("sLSTM", SLstm), ("Elman", Elman),
    };
}
