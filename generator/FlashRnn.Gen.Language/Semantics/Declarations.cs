using System.Collections.Generic;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language.Semantics;

/// <summary>The checked content of Gates, States, Recurrent, Outputs and Initial.</summary>
internal sealed class Declarations
{
    public Declarations(List<NameItem> gates, List<NameItem> states, HashSet<string> gateStateConflicts,
        int recurrentState, List<int> outputStates, double[] initialValues)
    {
        Gates = gates;
        States = states;
        GateStateConflicts = gateStateConflicts;
        RecurrentState = recurrentState;
        OutputStates = outputStates;
        InitialValues = initialValues;
        for (int i = 0; i < gates.Count; i++) GateIndex[gates[i].Text] = i;
        for (int i = 0; i < states.Count; i++) StateIndex[states[i].Text] = i;
    }

    public List<NameItem> Gates { get; }

    public List<NameItem> States { get; }

    /// <summary>Names declared as both gate and state (reported once; later checks leave them alone).</summary>
    public HashSet<string> GateStateConflicts { get; }

    public Dictionary<string, int> GateIndex { get; } = new();

    public Dictionary<string, int> StateIndex { get; } = new();

    public int RecurrentState { get; }

    public List<int> OutputStates { get; }

    public double[] InitialValues { get; }
}
