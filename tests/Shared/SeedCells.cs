// Shared test source: linked into FlashRnn.Gen.Language.Tests and into the generator's tests.
// The four seed cells exactly as the runtime declares them (runtime/FlashRnn.Runtime/Cells/BuiltInCells.cs), read
// from their attributes, so the tests check the declarations that ship rather than a copy of them.
using System;
using System.Reflection;
using FlashRnn.Gen.Language;

namespace FlashRnn.Gen.Language.Testing;

/// <summary>The four seed cells (LSTM, GRU in PyTorch's form, sLSTM, Elman) as cell texts.</summary>
public static class SeedCells
{
    /// <summary>LSTM: gates i f z o; states h (recurrent, output) and c.</summary>
    public static CellText Lstm { get; } = Of(typeof(FlashRnn.Cells.Lstm));

    /// <summary>GRU with PyTorch's reset placement: the reset gate scales the candidate's recurrent part.</summary>
    public static CellText Gru { get; } = Of(typeof(FlashRnn.Cells.Gru));

    /// <summary>sLSTM (xLSTM's scalar LSTM) with the stabiliser state m.</summary>
    public static CellText SLstm { get; } = Of(typeof(FlashRnn.Cells.SLstm));

    /// <summary>Elman: h = tanh(g).</summary>
    public static CellText Elman { get; } = Of(typeof(FlashRnn.Cells.Elman));

    /// <summary>All four, with their names.</summary>
    public static (string Name, CellText Text)[] All { get; } =
    {
        ("LSTM", Lstm), ("GRU", Gru), ("sLSTM", SLstm), ("Elman", Elman),
    };

    private static CellText Of(Type cell)
    {
        RnnCellAttribute declaration = cell.GetCustomAttribute<RnnCellAttribute>()
            ?? throw new InvalidOperationException($"{cell} has no [RnnCell].");
        EquationsAttribute equations = cell.GetCustomAttribute<EquationsAttribute>()
            ?? throw new InvalidOperationException($"{cell} has no [Equations].");
        return new CellText(declaration.Gates, declaration.States, equations.Text, declaration.Recurrent, declaration.Outputs, declaration.Initial);
    }
}
