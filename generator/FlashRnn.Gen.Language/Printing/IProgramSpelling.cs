using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Printing;

/// <summary>How the code around a printed program names the program's inputs, outputs and temporaries.</summary>
public interface IProgramSpelling
{
    /// <summary>Gate <paramref name="gate"/>'s input part, e.g. <c>gateInput[2]</c>.</summary>
    /// <param name="gate">Gate index.</param>
    string GateInput(int gate);

    /// <summary>Gate <paramref name="gate"/>'s recurrent part, e.g. <c>gateRecurrent[2]</c>.</summary>
    /// <param name="gate">Gate index.</param>
    string GateRecurrent(int gate);

    /// <summary>The previous value of state <paramref name="state"/>, e.g. <c>state[0]</c>.</summary>
    /// <param name="state">State index.</param>
    string OldState(int state);

    /// <summary>The first-step flag, a boolean expression, e.g. <c>firstStep</c>.</summary>
    string FirstStep();

    /// <summary>The incoming gradient of state <paramref name="state"/>'s new value, e.g. <c>dNewState[1]</c>.</summary>
    /// <param name="state">State index.</param>
    string NewStateGradient(int state);

    /// <summary>The name of temporary number <paramref name="number"/>, e.g. <c>t3</c>.</summary>
    /// <param name="number">Temporary number (0-based).</param>
    string Temporary(int number);

    /// <summary>The assignable place of an output, e.g. <c>newState[1]</c>.</summary>
    /// <param name="kind">What the output is.</param>
    /// <param name="index">The gate or state index.</param>
    string Output(ProgramOutputKind kind, int index);
}
