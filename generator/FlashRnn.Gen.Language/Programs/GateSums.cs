namespace FlashRnn.Gen.Language.Programs;

/// <summary>
/// Whether a cell's gates enter it only as the sums of their two parts, x_g + (R_g h + b_g), as in LSTM, sLSTM and
/// Elman (not GRU, whose candidate multiplies the recurrent part alone by its reset gate). For such cells the
/// gradient of a gate's input part equals that of its recurrent part, so the kernels can keep one of the two.
/// </summary>
public static class GateSums
{
    /// <summary>
    /// True when every use of a <see cref="ProgramOp.GateInput"/> or <see cref="ProgramOp.GateRecurrent"/> leaf in
    /// <paramref name="forward"/> is an <see cref="ProgramOp.Add"/> of the input and recurrent parts of one gate, and
    /// no output is a gate part itself.
    /// </summary>
    public static bool EnterOnlyAsSums(CellProgram forward)
    {
        var nodes = forward.Nodes;
        bool isGatePart(int node) => node >= 0 && nodes[node].Op is ProgramOp.GateInput or ProgramOp.GateRecurrent;
        foreach (ProgramNode node in nodes)
        {
            if (node.Op.IsLeaf()) continue;
            bool a = isGatePart(node.A), b = isGatePart(node.B), c = isGatePart(node.C);
            if (!a && !b && !c) continue;
            if (node.Op != ProgramOp.Add || !a || !b) return false;
            ProgramNode left = nodes[node.A], right = nodes[node.B];
            if (left.Op == right.Op || left.Index != right.Index) return false;  // one part of each, of the same gate
        }

        foreach (ProgramOutput output in forward.Outputs)
        {
            if (isGatePart(output.Node)) return false;
        }

        return true;
    }
}
