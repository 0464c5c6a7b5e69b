using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language;

/// <summary>
/// A compiled cell: its declarations, its forward program and its derived backward program. Immutable and compared
/// by value, so an incremental generator can cache on it.
/// </summary>
/// <param name="Gates">Gate names, in the order of the gate axis G.</param>
/// <param name="States">State names, in the order of the state axis S.</param>
/// <param name="RecurrentState">Index of the state that feeds the recurrence through R.</param>
/// <param name="OutputStates">Indices of the output states.</param>
/// <param name="InitialValues">One initial value per state (0 where Initial names none).</param>
/// <param name="UsesFirstStep">True when the forward program reads the first-step flag.</param>
/// <param name="Forward">
/// Inputs: <see cref="ProgramOp.GateInput"/>, <see cref="ProgramOp.GateRecurrent"/>, <see cref="ProgramOp.OldState"/>,
/// <see cref="ProgramOp.FirstStep"/>. Outputs: <see cref="ProgramOutputKind.NewState"/> for every state, in state order.
/// </param>
/// <param name="Backward">
/// Inputs: those of <paramref name="Forward"/> plus <see cref="ProgramOp.Adjoint"/> (the gradient of each new state).
/// Outputs, in this order: <see cref="ProgramOutputKind.GateInputGradient"/> for every gate,
/// <see cref="ProgramOutputKind.GateRecurrentGradient"/> for every gate, <see cref="ProgramOutputKind.OldStateGradient"/>
/// for every state.
/// </param>
/// <param name="Equations">The equations as written, indexed by <see cref="StatementOrigin.Equation"/>.</param>
public sealed record CellModel(
    EquatableArray<string> Gates,
    EquatableArray<string> States,
    int RecurrentState,
    EquatableArray<int> OutputStates,
    EquatableArray<double> InitialValues,
    bool UsesFirstStep,
    CellProgram Forward,
    CellProgram Backward,
    EquatableArray<EquationLine> Equations)
{
    /// <summary>Number of gates G.</summary>
    public int GateCount => Gates.Count;

    /// <summary>Number of states S.</summary>
    public int StateCount => States.Count;

    /// <summary>True when every gate enters the cell only as x_g + (R_g h + b_g) (<see cref="GateSums"/>).</summary>
    public bool GatesEnterAsSums => GateSums.EnterOnlyAsSums(Forward);
}
