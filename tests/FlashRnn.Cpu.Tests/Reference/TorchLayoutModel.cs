namespace FlashRnn.Cpu.Tests.Reference;

/// <summary>
/// An RNN layer's parameters and inputs in PyTorch's layout (torch.nn.LSTM / GRU / RNN): an input x of I features
/// per step, weight_ih [G·H, I], bias_ih [G·H], weight_hh [G·H, H], bias_hh [G·H], with the G gate blocks stacked
/// along the rows and H = NH·DH hidden units. weight_hh is block-diagonal over the NH heads (the multi-head RNN that
/// FlashRNN runs; NH = 1 is an ordinary PyTorch layer). The references compute with these full matrices; the
/// conversion to FlashRNN's tensors is written out separately below, so the engine's decomposition is tested, not
/// assumed.
/// </summary>
public sealed class TorchLayoutModel
{
    private TorchLayoutModel(int batch, int time, int inputSize, int gates, int heads, int headSize, int states)
    {
        (Batch, Time, InputSize, Gates, Heads, HeadSize, States) = (batch, time, inputSize, gates, heads, headSize, states);
        WeightIh = new double[gates * Hidden, inputSize];
        BiasIh = new double[gates * Hidden];
        WeightHh = new double[gates * Hidden, Hidden];
        BiasHh = new double[gates * Hidden];
        X = new double[batch, time, inputSize];
        Initial = new double[states][,];
        for (int k = 0; k < states; k++) Initial[k] = new double[batch, Hidden];
    }

    public int Batch { get; }
    public int Time { get; }
    public int InputSize { get; }
    public int Gates { get; }
    public int Heads { get; }
    public int HeadSize { get; }
    public int States { get; }
    public int Hidden => Heads * HeadSize;

    public double[,] WeightIh { get; }
    public double[] BiasIh { get; }
    public double[,] WeightHh { get; }
    public double[] BiasHh { get; }
    public double[,,] X { get; }

    /// <summary>Initial value of each state, [B, H] per state (h0, c0, ... in PyTorch).</summary>
    public double[][,] Initial { get; }

    /// <summary>Random parameters; <paramref name="initialRange"/> gives each state's initial-value range.</summary>
    public static TorchLayoutModel Random(int seed, int gates, int states, int batch, int time, int heads,
        int headSize, Func<int, (double Low, double High)>? initialRange = null, int inputSize = 5)
    {
        var rng = new Random(seed);
        double Uniform(double scale) => scale * (2 * rng.NextDouble() - 1);
        var model = new TorchLayoutModel(batch, time, inputSize, gates, heads, headSize, states);
        int hidden = model.Hidden;
        for (int row = 0; row < gates * hidden; row++)
        {
            for (int col = 0; col < inputSize; col++) model.WeightIh[row, col] = Uniform(0.6);
            model.BiasIh[row] = Uniform(0.5);
            model.BiasHh[row] = Uniform(0.5);
            int head = row % hidden / headSize;
            // Only the head's own block of weight_hh is non-zero.
            for (int col = head * headSize; col < (head + 1) * headSize; col++)
                model.WeightHh[row, col] = Uniform(0.8);
        }
        foreach (int b in Enumerable.Range(0, batch))
        foreach (int t in Enumerable.Range(0, time))
        foreach (int f in Enumerable.Range(0, inputSize))
            model.X[b, t, f] = Uniform(1.0);
        for (int k = 0; k < states; k++)
        {
            var (low, high) = initialRange?.Invoke(k) ?? (-1.0, 1.0);
            for (int b = 0; b < batch; b++)
            for (int u = 0; u < hidden; u++)
                model.Initial[k][b, u] = low + (high - low) * rng.NextDouble();
        }
        return model;
    }

    /// <summary>weight_ih · x[b, t] + bias_ih, length G·H (PyTorch's input-side gate terms).</summary>
    public double[] InputTerms(int b, int t)
    {
        var result = new double[Gates * Hidden];
        for (int row = 0; row < result.Length; row++)
        {
            double sum = BiasIh[row];
            for (int f = 0; f < InputSize; f++) sum += WeightIh[row, f] * X[b, t, f];
            result[row] = sum;
        }
        return result;
    }

    /// <summary>weight_hh · h + bias_hh, length G·H (PyTorch's hidden-side gate terms).</summary>
    public double[] HiddenTerms(double[] h)
    {
        var result = new double[Gates * Hidden];
        for (int row = 0; row < result.Length; row++)
        {
            double sum = BiasHh[row];
            for (int col = 0; col < Hidden; col++) sum += WeightHh[row, col] * h[col];
            result[row] = sum;
        }
        return result;
    }

    // ---- Conversion to FlashRNN's tensors: hidden unit h·DH + j of gate block g is element [g, h, j]. ----

    /// <summary>Wx [B, T, G, NH, DH] = weight_ih · x + bias_ih.</summary>
    public HostTensor<double> Wx()
    {
        var wx = new HostTensor<double>(Batch, Time, Gates, Heads, HeadSize);
        for (int b = 0; b < Batch; b++)
        for (int t = 0; t < Time; t++)
        {
            var terms = InputTerms(b, t);
            for (int g = 0; g < Gates; g++)
            for (int h = 0; h < Heads; h++)
            for (int j = 0; j < HeadSize; j++)
                wx[b, t, g, h, j] = terms[g * Hidden + h * HeadSize + j];
        }
        return wx;
    }

    /// <summary>R [G, NH, DHin, DHout]: R[g, h, i, j] = weight_hh[g·H + h·DH + j, h·DH + i] (transposed block).</summary>
    public HostTensor<double> R()
    {
        var r = new HostTensor<double>(Gates, Heads, HeadSize, HeadSize);
        for (int g = 0; g < Gates; g++)
        for (int h = 0; h < Heads; h++)
        for (int i = 0; i < HeadSize; i++)
        for (int j = 0; j < HeadSize; j++)
            r[g, h, i, j] = WeightHh[g * Hidden + h * HeadSize + j, h * HeadSize + i];
        return r;
    }

    /// <summary>bias [G, NH, DH] = bias_hh.</summary>
    public HostTensor<double> Bias()
    {
        var bias = new HostTensor<double>(Gates, Heads, HeadSize);
        for (int g = 0; g < Gates; g++)
        for (int h = 0; h < Heads; h++)
        for (int j = 0; j < HeadSize; j++)
            bias[g, h, j] = BiasHh[g * Hidden + h * HeadSize + j];
        return bias;
    }

    /// <summary>Initial states [S, B, NH, DH].</summary>
    public HostTensor<double> InitialStates()
    {
        var initial = new HostTensor<double>(States, Batch, Heads, HeadSize);
        for (int k = 0; k < States; k++)
        for (int b = 0; b < Batch; b++)
        for (int h = 0; h < Heads; h++)
        for (int j = 0; j < HeadSize; j++)
            initial[k, b, h, j] = Initial[k][b, h * HeadSize + j];
        return initial;
    }

    /// <summary>The initial states of batch row b, one [H] vector per state.</summary>
    public double[][] InitialRow(int b)
        => Enumerable.Range(0, States).Select(k => Enumerable.Range(0, Hidden).Select(u => Initial[k][b, u]).ToArray()).ToArray();
}
