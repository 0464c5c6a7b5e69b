using System;
using System.Globalization;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Printing;

/// <summary>
/// An <see cref="IProgramSpelling"/> from composite format strings, each with <c>{0}</c> for the index, such as
/// <c>"gin[{0}]"</c>.
/// </summary>
public sealed class IndexedSpelling : IProgramSpelling
{
    private readonly string _gateInput, _gateRecurrent, _oldState, _firstStep, _newStateGradient;
    private readonly string _newState, _gateInputGradient, _gateRecurrentGradient, _oldStateGradient, _temporary;

    /// <summary>Creates a spelling; every argument except <paramref name="firstStep"/> is a format with <c>{0}</c>.</summary>
    /// <param name="gateInput">Gate input parts.</param>
    /// <param name="gateRecurrent">Gate recurrent parts.</param>
    /// <param name="oldState">Previous states.</param>
    /// <param name="firstStep">The first-step flag (no placeholder).</param>
    /// <param name="newStateGradient">Incoming gradients of the new states.</param>
    /// <param name="newState">Forward outputs.</param>
    /// <param name="gateInputGradient">Backward outputs: gate input gradients.</param>
    /// <param name="gateRecurrentGradient">Backward outputs: gate recurrent gradients.</param>
    /// <param name="oldStateGradient">Backward outputs: previous-state gradients.</param>
    /// <param name="temporary">Temporaries.</param>
    public IndexedSpelling(string gateInput, string gateRecurrent, string oldState, string firstStep, string newStateGradient,
        string newState, string gateInputGradient, string gateRecurrentGradient, string oldStateGradient, string temporary = "t{0}")
    {
        _gateInput = Format(gateInput, nameof(gateInput));
        _gateRecurrent = Format(gateRecurrent, nameof(gateRecurrent));
        _oldState = Format(oldState, nameof(oldState));
        _firstStep = firstStep ?? throw new ArgumentNullException(nameof(firstStep));
        _newStateGradient = Format(newStateGradient, nameof(newStateGradient));
        _newState = Format(newState, nameof(newState));
        _gateInputGradient = Format(gateInputGradient, nameof(gateInputGradient));
        _gateRecurrentGradient = Format(gateRecurrentGradient, nameof(gateRecurrentGradient));
        _oldStateGradient = Format(oldStateGradient, nameof(oldStateGradient));
        _temporary = Format(temporary, nameof(temporary));
    }

    /// <summary>
    /// The parameter names of the runtime's <c>IPointwiseCell.Forward/Backward</c>: <c>gateInput</c>,
    /// <c>gateRecurrent</c>, <c>state</c>, <c>firstStep</c>, <c>dNewState</c>, <c>newState</c>, <c>dGateInput</c>,
    /// <c>dGateRecurrent</c>, <c>dState</c>.
    /// </summary>
    public static IndexedSpelling CpuReference { get; } = new(
        "gateInput[{0}]", "gateRecurrent[{0}]", "state[{0}]", "firstStep", "dNewState[{0}]",
        "newState[{0}]", "dGateInput[{0}]", "dGateRecurrent[{0}]", "dState[{0}]");

    /// <summary>
    /// Register arrays of the CUDA templates: <c>gin</c>, <c>grec</c>, <c>s</c>, <c>first</c>, <c>ds_new</c>,
    /// <c>s_new</c>, <c>dgin</c>, <c>dgrec</c>, <c>ds</c>.
    /// </summary>
    public static IndexedSpelling Cuda { get; } = new(
        "gin[{0}]", "grec[{0}]", "s[{0}]", "first", "ds_new[{0}]",
        "s_new[{0}]", "dgin[{0}]", "dgrec[{0}]", "ds[{0}]");

    /// <inheritdoc/>
    public string GateInput(int gate) => Apply(_gateInput, gate);

    /// <inheritdoc/>
    public string GateRecurrent(int gate) => Apply(_gateRecurrent, gate);

    /// <inheritdoc/>
    public string OldState(int state) => Apply(_oldState, state);

    /// <inheritdoc/>
    public string FirstStep() => _firstStep;

    /// <inheritdoc/>
    public string NewStateGradient(int state) => Apply(_newStateGradient, state);

    /// <inheritdoc/>
    public string Temporary(int number) => Apply(_temporary, number);

    /// <inheritdoc/>
    public string Output(ProgramOutputKind kind, int index) => kind switch
    {
        ProgramOutputKind.NewState => Apply(_newState, index),
        ProgramOutputKind.GateInputGradient => Apply(_gateInputGradient, index),
        ProgramOutputKind.GateRecurrentGradient => Apply(_gateRecurrentGradient, index),
        _ => Apply(_oldStateGradient, index),
    };

    private static string Apply(string format, int index) => string.Format(CultureInfo.InvariantCulture, format, index);

    private static string Format(string format, string name)
    {
        if (format is null) throw new ArgumentNullException(name);
        if (format.IndexOf("{0}", StringComparison.Ordinal) < 0)
            throw new ArgumentException($"Expected a format with '{{0}}' for the index, got '{format}'.", name);
        return format;
    }
}
