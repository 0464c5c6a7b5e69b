using System.Numerics;

namespace FlashRnn.Cpu;

/// <summary>The initial states a call runs from: the caller's, or the cell's initial values broadcast.</summary>
internal static class InitialStates
{
    /// <summary>
    /// Returns <c>[S, B, NH, DH]</c> row-major: the caller's array when given (only read), otherwise a new array
    /// holding <see cref="CellInfo.InitialValues"/>[k] for every element of state k.
    /// </summary>
    public static T[] Resolve<T>(CellInfo cell, in RnnDims dims, HostTensor<T>? given)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (given is not null) return given.Array;
        int perState = dims.Batch * dims.Heads * dims.HeadSize;
        var values = new T[dims.States * perState];
        for (int k = 0; k < dims.States; k++)
            values.AsSpan(k * perState, perState).Fill(T.CreateTruncating(cell.InitialValues[k]));
        return values;
    }
}
