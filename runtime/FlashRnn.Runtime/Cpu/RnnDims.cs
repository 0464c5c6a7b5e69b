namespace FlashRnn.Cpu;

/// <summary>
/// The sizes of one RNN call, inferred from <c>Wx</c> and the cell and checked against every other argument by
/// <see cref="RnnShapeValidator"/>.
/// </summary>
/// <param name="Batch">B, batch rows.</param>
/// <param name="Time">T, time steps.</param>
/// <param name="Gates">G, gates of the cell.</param>
/// <param name="Heads">NH, independent heads (blocks of the block-diagonal recurrent matrix).</param>
/// <param name="HeadSize">DH, units per head.</param>
/// <param name="States">S, states of the cell.</param>
public readonly record struct RnnDims(int Batch, int Time, int Gates, int Heads, int HeadSize, int States)
{
    /// <summary>Flat index of <c>Wx[b, t, g, h, 0]</c> in a row-major <c>[B, T, G, NH, DH]</c> tensor.</summary>
    public int GateInputOffset(int b, int t, int g, int h) => (((b * Time + t) * Gates + g) * Heads + h) * HeadSize;

    /// <summary>Flat index of <c>R[g, h, i, 0]</c> in a row-major <c>[G, NH, DH, DH]</c> tensor.</summary>
    public int RecurrentRowOffset(int g, int h, int i) => ((g * Heads + h) * HeadSize + i) * HeadSize;

    /// <summary>Flat index of <c>bias[g, h, 0]</c> in a row-major <c>[G, NH, DH]</c> tensor.</summary>
    public int BiasOffset(int g, int h) => (g * Heads + h) * HeadSize;

    /// <summary>Flat index of <c>states[k, b, t, h, 0]</c> in a row-major <c>[S, B, T, NH, DH]</c> tensor.</summary>
    public int SequenceStateOffset(int k, int b, int t, int h) => (((k * Batch + b) * Time + t) * Heads + h) * HeadSize;

    /// <summary>Flat index of <c>states[k, b, h, 0]</c> in a row-major <c>[S, B, NH, DH]</c> tensor.</summary>
    public int StepStateOffset(int k, int b, int h) => ((k * Batch + b) * Heads + h) * HeadSize;
}
