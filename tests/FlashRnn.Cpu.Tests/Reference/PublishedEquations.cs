namespace FlashRnn.Cpu.Tests.Reference;

/// <summary>
/// The cells' published equations evaluated plainly with full matrices (PyTorch's documentation for torch.nn.LSTM,
/// GRU and RNN(tanh); FlashRNN's paper for sLSTM). Independent of the engine: no heads, no R decomposition, no
/// CellMath. Each returns every state at every step as [state][b, t, hidden unit].
/// </summary>
public static class PublishedEquations
{
    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>torch.nn.LSTM: gates (i, f, g, o); c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). States (h, c).</summary>
    public static double[][,,] Lstm(TorchLayoutModel m) => Run(m, (terms, hidden, state) =>
    {
        int n = m.Hidden;
        double[] h = state[0], c = state[1];
        var h2 = new double[n];
        var c2 = new double[n];
        for (int u = 0; u < n; u++)
        {
            double i = Sigmoid(terms[u] + hidden[u]);
            double f = Sigmoid(terms[n + u] + hidden[n + u]);
            double g = Math.Tanh(terms[2 * n + u] + hidden[2 * n + u]);
            double o = Sigmoid(terms[3 * n + u] + hidden[3 * n + u]);
            c2[u] = f * c[u] + i * g;
            h2[u] = o * Math.Tanh(c2[u]);
        }
        return [h2, c2];
    });

    /// <summary>
    /// torch.nn.GRU: r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
    /// h' = (1 − z) ⊙ n + z ⊙ h.
    /// </summary>
    public static double[][,,] Gru(TorchLayoutModel m) => Run(m, (terms, hidden, state) =>
    {
        int n = m.Hidden;
        double[] h = state[0];
        var h2 = new double[n];
        for (int u = 0; u < n; u++)
        {
            double r = Sigmoid(terms[u] + hidden[u]);
            double z = Sigmoid(terms[n + u] + hidden[n + u]);
            double nn = Math.Tanh(terms[2 * n + u] + r * hidden[2 * n + u]);
            h2[u] = (1 - z) * nn + z * h[u];
        }
        return [h2];
    });

    /// <summary>torch.nn.RNN(nonlinearity='tanh'): h' = tanh(W_ih x + b_ih + W_hh h + b_hh).</summary>
    public static double[][,,] Elman(TorchLayoutModel m) => Run(m, (terms, hidden, _) =>
        [terms.Zip(hidden, (a, b) => Math.Tanh(a + b)).ToArray()]);

    /// <summary>
    /// sLSTM (FlashRNN/xLSTM), gates (i, f, z, o), states (y, c, n, m): a = logσ(f) + m; m' = i if n = 0 else
    /// max(i, a); i' = exp(i − m'); f' = exp(a − m'); c' = f'c + i' tanh(z); n' = max(f'n + i', 1); y' = σ(o) c'/n'.
    /// </summary>
    public static double[][,,] Slstm(TorchLayoutModel m) => Run(m, (terms, hidden, state) =>
    {
        int n = m.Hidden;
        double[] c = state[1], nrm = state[2], stab = state[3];
        var (y2, c2, n2, m2) = (new double[n], new double[n], new double[n], new double[n]);
        for (int u = 0; u < n; u++)
        {
            double i = terms[u] + hidden[u];
            double f = terms[n + u] + hidden[n + u];
            double z = Math.Tanh(terms[2 * n + u] + hidden[2 * n + u]);
            double o = Sigmoid(terms[3 * n + u] + hidden[3 * n + u]);
            double a = Math.Log(Sigmoid(f)) + stab[u];
            m2[u] = nrm[u] == 0 ? i : Math.Max(i, a);
            double iGate = Math.Exp(i - m2[u]), fGate = Math.Exp(a - m2[u]);
            c2[u] = fGate * c[u] + iGate * z;
            n2[u] = Math.Max(fGate * nrm[u] + iGate, 1.0);
            y2[u] = o * c2[u] / n2[u];
        }
        return [y2, c2, n2, m2];
    });

    // Runs the time loop of every batch row; state 0 is the one weight_hh multiplies.
    private static double[][,,] Run(TorchLayoutModel m, Func<double[], double[], double[][], double[][]> step)
    {
        var result = new double[m.States][,,];
        for (int k = 0; k < m.States; k++) result[k] = new double[m.Batch, m.Time, m.Hidden];
        for (int b = 0; b < m.Batch; b++)
        {
            var state = m.InitialRow(b);
            for (int t = 0; t < m.Time; t++)
            {
                state = step(m.InputTerms(b, t), m.HiddenTerms(state[0]), state);
                for (int k = 0; k < m.States; k++)
                for (int u = 0; u < m.Hidden; u++)
                    result[k][b, t, u] = state[k][u];
            }
        }
        return result;
    }
}
