using System.Numerics;
using FlashRnn.Cells;
using FlashRnn.Gpu;

namespace StateTracking.Model;

/// <summary>
/// The cells the sample can train, by their command-line name. Each is a built-in cell generated from its
/// declaration in <c>FlashRnn.Cells</c>; a cell of your own plugs in the same way through its generated
/// <c>Pointwise</c> struct (CPU) and its <c>Gpu</c> kernels.
/// </summary>
internal static class RecurrentCells
{
    /// <summary>The names <see cref="Create{T}"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["lstm", "slstm", "gru", "elman"];

    /// <summary>Creates the CPU recurrent layer of the named cell (<see cref="RecurrentLayers"/> picks CPU or GPU).</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known cell.</exception>
    public static IRecurrentLayer<T> Create<T>(string name, int heads, int headSize, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
        => name.ToLowerInvariant() switch
        {
            "lstm" => new CpuRecurrentLayer<Lstm.Pointwise, T>(heads, headSize, random),
            "slstm" => new CpuRecurrentLayer<SLstm.Pointwise, T>(heads, headSize, random),
            "gru" => new CpuRecurrentLayer<Gru.Pointwise, T>(heads, headSize, random),
            "elman" => new CpuRecurrentLayer<Elman.Pointwise, T>(heads, headSize, random),
            _ => throw Unknown(name),
        };

    /// <summary>Creates the GPU recurrent layer of the named cell, in float32 storage.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="heads">Number of heads NH.</param>
    /// <param name="headSize">Units per head DH.</param>
    /// <param name="random">Source of the initial weights; the same draws as <see cref="Create{T}"/> makes.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known cell.</exception>
    /// <exception cref="InvalidOperationException">No CUDA device can be used.</exception>
    public static GpuRecurrentLayer CreateGpu(string name, int heads, int headSize, Random random)
    {
        GpuCell cell = name.ToLowerInvariant() switch
        {
            "lstm" => Lstm.Gpu,
            "slstm" => SLstm.Gpu,
            "gru" => Gru.Gpu,
            "elman" => Elman.Gpu,
            _ => throw Unknown(name),
        };
        return new GpuRecurrentLayer(cell, heads, headSize, random);
    }

    private static ArgumentException Unknown(string name)
        => new($"Unknown cell '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
}
