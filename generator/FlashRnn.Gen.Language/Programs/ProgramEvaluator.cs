using System;
using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>
/// Evaluates a <see cref="CellProgram"/> in double precision with the runtime's <c>CellMath</c> formulas: the
/// reference the tests hold generated code and derivatives against.
/// </summary>
public static class ProgramEvaluator
{
    /// <summary>Evaluates every node once, in order, and reads the outputs.</summary>
    /// <param name="program">The program.</param>
    /// <param name="inputs">Its leaf values.</param>
    /// <exception cref="ArgumentException">A leaf's index is outside the corresponding input list.</exception>
    public static ProgramEvaluation Evaluate(CellProgram program, ProgramInputs inputs)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        if (inputs is null) throw new ArgumentNullException(nameof(inputs));

        var values = new double[program.Nodes.Count];
        double margin = double.PositiveInfinity;
        for (int i = 0; i < values.Length; i++)
        {
            ProgramNode node = program.Nodes[i];
            double a = node.A >= 0 ? values[node.A] : 0;
            double b = node.B >= 0 ? values[node.B] : 0;
            switch (node.Op)
            {
                case ProgramOp.Constant:
                    values[i] = node.Value;
                    break;
                case ProgramOp.GateInput:
                    values[i] = Read(inputs.GateInput, node.Index, "gateInput");
                    break;
                case ProgramOp.GateRecurrent:
                    values[i] = Read(inputs.GateRecurrent, node.Index, "gateRecurrent");
                    break;
                case ProgramOp.OldState:
                    values[i] = Read(inputs.State, node.Index, "state");
                    break;
                case ProgramOp.Adjoint:
                    values[i] = Read(inputs.NewStateGradient, node.Index, "newStateGradient");
                    break;
                case ProgramOp.FirstStep:
                    values[i] = inputs.FirstStep ? 1 : 0;
                    break;
                case ProgramOp.Select:
                    values[i] = a != 0 ? b : values[node.C];
                    break;
                case ProgramOp.Relu or ProgramOp.Abs:
                    margin = Math.Min(margin, Math.Abs(a));
                    values[i] = CellMathDouble.Apply(node.Op, a, b);
                    break;
                case ProgramOp.Max or ProgramOp.Min:
                    margin = Math.Min(margin, Math.Abs(a - b));
                    values[i] = CellMathDouble.Apply(node.Op, a, b);
                    break;
                case var op when op.IsComparison():
                    margin = Math.Min(margin, Math.Abs(a - b));
                    values[i] = CellMathDouble.Compare(op, a, b) ? 1 : 0;
                    break;
                default:
                    values[i] = CellMathDouble.Apply(node.Op, a, b);
                    break;
            }
        }

        var outputs = new double[program.Outputs.Count];
        for (int i = 0; i < outputs.Length; i++) outputs[i] = values[program.Outputs[i].Node];
        return new ProgramEvaluation(program, outputs, margin);
    }

    private static double Read(IReadOnlyList<double> values, int index, string name)
    {
        if ((uint)index >= (uint)values.Count)
            throw new ArgumentException($"The program reads {name}[{index}], but {values.Count} values were given.", nameof(ProgramInputs));
        return values[index];
    }
}
