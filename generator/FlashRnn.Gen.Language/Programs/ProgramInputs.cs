using System;
using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>The leaf values a program is evaluated with (see <see cref="ProgramEvaluator"/>).</summary>
public sealed class ProgramInputs
{
    /// <summary>Creates the inputs of one step of one unit.</summary>
    /// <param name="gateInput">G gate input parts.</param>
    /// <param name="gateRecurrent">G gate recurrent parts.</param>
    /// <param name="state">S previous states.</param>
    /// <param name="firstStep">The first-step flag.</param>
    /// <param name="newStateGradient">S gradients of the new states (backward programs only).</param>
    public ProgramInputs(IReadOnlyList<double> gateInput, IReadOnlyList<double> gateRecurrent, IReadOnlyList<double> state,
        bool firstStep, IReadOnlyList<double>? newStateGradient = null)
    {
        GateInput = gateInput ?? throw new ArgumentNullException(nameof(gateInput));
        GateRecurrent = gateRecurrent ?? throw new ArgumentNullException(nameof(gateRecurrent));
        State = state ?? throw new ArgumentNullException(nameof(state));
        FirstStep = firstStep;
        NewStateGradient = newStateGradient ?? Array.Empty<double>();
    }

    /// <summary>G gate input parts.</summary>
    public IReadOnlyList<double> GateInput { get; }

    /// <summary>G gate recurrent parts.</summary>
    public IReadOnlyList<double> GateRecurrent { get; }

    /// <summary>S previous states.</summary>
    public IReadOnlyList<double> State { get; }

    /// <summary>The first-step flag.</summary>
    public bool FirstStep { get; }

    /// <summary>S gradients of the new states (empty for forward programs).</summary>
    public IReadOnlyList<double> NewStateGradient { get; }
}
