using System.Collections.Immutable;

namespace FlashRnn;

/// <summary>
/// What a declared cell is made of: its gates, states, which state feeds the recurrence, which states are outputs,
/// and the initial values used when the caller passes no initial states. Generated for every cell.
/// </summary>
public sealed class CellInfo
{
    /// <summary>Creates the description of a cell.</summary>
    public CellInfo(string name, ImmutableArray<string> gates, ImmutableArray<string> states, int recurrentState,
        ImmutableArray<int> outputStates, ImmutableArray<double> initialValues)
    {
        if (gates.IsDefaultOrEmpty) throw new ArgumentException("A cell needs at least one gate.", nameof(gates));
        if (states.IsDefaultOrEmpty) throw new ArgumentException("A cell needs at least one state.", nameof(states));
        if ((uint)recurrentState >= (uint)states.Length) throw new ArgumentOutOfRangeException(nameof(recurrentState));
        if (initialValues.Length != states.Length)
            throw new ArgumentException("One initial value per state is required.", nameof(initialValues));
        Name = name;
        Gates = gates;
        States = states;
        RecurrentState = recurrentState;
        OutputStates = outputStates;
        InitialValues = initialValues;
    }

    /// <summary>The cell's name (its class name).</summary>
    public string Name { get; }

    /// <summary>Gate names in the order of the gate axis G of <c>Wx</c>, <c>R</c> and <c>b</c>.</summary>
    public ImmutableArray<string> Gates { get; }

    /// <summary>State names in the order of the state axis S.</summary>
    public ImmutableArray<string> States { get; }

    /// <summary>Index of the state that feeds the recurrence through <c>R</c>.</summary>
    public int RecurrentState { get; }

    /// <summary>Indices of the states declared as outputs.</summary>
    public ImmutableArray<int> OutputStates { get; }

    /// <summary>Initial value of each state when no initial states are passed.</summary>
    public ImmutableArray<double> InitialValues { get; }

    /// <summary>Number of gates G.</summary>
    public int GateCount => Gates.Length;

    /// <summary>Number of states S.</summary>
    public int StateCount => States.Length;
}
