using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashRnn.Cpu;

/// <summary>
/// The few vector loops the CPU reference spends its time in. float and double use <see cref="Vector{T}"/>; other
/// types (Half) take the scalar loop. Every result depends only on the operands, never on threading, so the
/// reference stays bitwise deterministic whatever the degree of parallelism.
/// </summary>
internal static class SpanMath
{
    // A JIT-time constant per T, so the untaken branch disappears from the specialised code.
    private static bool Vectorizable<T>() =>
        Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>y += a · x, element by element (no reordering, so vector and scalar paths agree bitwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd<T>(T a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vectorizable<T>() && y.Length >= Vector<T>.Count)
        {
            var av = new Vector<T>(a);
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x.Slice(0, y.Length));
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            for (int v = 0; v < yv.Length; v++) yv[v] += av * xv[v];
            j = yv.Length * Vector<T>.Count;
        }
        for (; j < y.Length; j++) y[j] += a * x[j];
    }

    /// <summary>
    /// target[j] += Σ_r coefficients[r · coefficientStride] · matrix[r · rowStride + j] for r = 0 .. rows-1, each
    /// column summed in increasing r, exactly as a plain loop adding one scaled row at a time would (vector lanes
    /// and the scalar tail agree bitwise), but with the partial sums held in registers across a tile of rows
    /// instead of being stored after every row. This is the s_rec · R_g product of the recurrence.
    /// </summary>
    public static void AccumulateRowCombination<T>(ReadOnlySpan<T> coefficients, int coefficientStride,
        ReadOnlySpan<T> matrix, int rowStride, int rows, Span<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int RowTile = 64; // rows per pass over the target: keeps the tile of matrix rows in L1
        for (int first = 0; first < rows; first += RowTile)
        {
            int last = Math.Min(first + RowTile, rows);
            int j = 0;
            if (Vectorizable<T>())
            {
                int width = Vector<T>.Count;
                // Four independent accumulators hide the latency of the dependent additions.
                for (; j + 4 * width <= target.Length; j += 4 * width)
                {
                    var a0 = Load(target, j);
                    var a1 = Load(target, j + width);
                    var a2 = Load(target, j + 2 * width);
                    var a3 = Load(target, j + 3 * width);
                    for (int r = first; r < last; r++)
                    {
                        var c = new Vector<T>(coefficients[r * coefficientStride]);
                        int row = r * rowStride + j;
                        a0 += c * Load(matrix, row);
                        a1 += c * Load(matrix, row + width);
                        a2 += c * Load(matrix, row + 2 * width);
                        a3 += c * Load(matrix, row + 3 * width);
                    }
                    Store(a0, target, j);
                    Store(a1, target, j + width);
                    Store(a2, target, j + 2 * width);
                    Store(a3, target, j + 3 * width);
                }
                for (; j + width <= target.Length; j += width)
                {
                    var a = Load(target, j);
                    for (int r = first; r < last; r++)
                        a += new Vector<T>(coefficients[r * coefficientStride]) * Load(matrix, r * rowStride + j);
                    Store(a, target, j);
                }
            }
            for (; j < target.Length; j++)
            {
                T a = target[j];
                for (int r = first; r < last; r++) a += coefficients[r * coefficientStride] * matrix[r * rowStride + j];
                target[j] = a;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ReadOnlySpan<T> source, int offset) where T : unmanaged
        => MemoryMarshal.Cast<T, Vector<T>>(source.Slice(offset, Vector<T>.Count))[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> value, Span<T> target, int offset) where T : unmanaged
        => MemoryMarshal.Cast<T, Vector<T>>(target.Slice(offset, Vector<T>.Count))[0] = value;

    /// <summary>y += x, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vectorizable<T>() && y.Length >= Vector<T>.Count)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x.Slice(0, y.Length));
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            for (int v = 0; v < yv.Length; v++) yv[v] += xv[v];
            j = yv.Length * Vector<T>.Count;
        }
        for (; j < y.Length; j++) y[j] += x[j];
    }

    /// <summary>Σ x[j] · y[j] (vector lanes first, then the tail: a fixed order for a given machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int j = 0;
        if (Vectorizable<T>() && x.Length >= Vector<T>.Count)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y.Slice(0, x.Length));
            var acc = Vector<T>.Zero;
            for (int v = 0; v < xv.Length; v++) acc += xv[v] * yv[v];
            sum = Vector.Sum(acc);
            j = xv.Length * Vector<T>.Count;
        }
        for (; j < x.Length; j++) sum += x[j] * y[j];
        return sum;
    }
}
