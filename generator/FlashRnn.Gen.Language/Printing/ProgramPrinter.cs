using System;
using System.Globalization;
using System.Text;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Printing;

/// <summary>
/// Prints a <see cref="CellProgram"/> as statements: one declaration per temporary, then one assignment per output.
/// Each block is preceded by a comment naming the equation it implements (<c>// line 2: h = ...</c>, or
/// <c>// d/d of line 2: h = ...</c> in a backward program). Parentheses are printed exactly where the tree needs
/// them, so evaluation order, and therefore rounding, is the program's.
/// </summary>
public static class ProgramPrinter
{
    private const int Additive = 1, Multiplicative = 2, Unary = 3, Primary = 4;

    /// <summary>Prints <paramref name="program"/> into <paramref name="writer"/> at its current indentation.</summary>
    /// <param name="model">The cell the program belongs to (names and equations for the comments).</param>
    /// <param name="program">The program: <see cref="CellModel.Forward"/> or <see cref="CellModel.Backward"/>.</param>
    /// <param name="dialect">The target language.</param>
    /// <param name="spelling">How inputs, outputs and temporaries are named.</param>
    /// <param name="writer">Where the lines go.</param>
    public static void Print(CellModel model, CellProgram program, CodeDialect dialect, IProgramSpelling spelling, CodeWriter writer)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        if (program is null) throw new ArgumentNullException(nameof(program));
        if (dialect is null) throw new ArgumentNullException(nameof(dialect));
        if (spelling is null) throw new ArgumentNullException(nameof(spelling));
        if (writer is null) throw new ArgumentNullException(nameof(writer));

        var printer = new ExpressionText(program, dialect, spelling);
        StatementOrigin? lastComment = null;
        for (int t = 0; t < program.Statements.Count; t++)
        {
            ProgramStatement statement = program.Statements[t];
            WriteOriginComment(model, statement.Origin, ref lastComment, writer);
            writer.WriteLine(dialect.DeclareTemporary(spelling.Temporary(t), printer.Definition(statement.Node)));
        }

        bool isForward = program.Outputs.Count > 0 && program.Outputs[0].Kind == ProgramOutputKind.NewState;
        if (!isForward && program.Outputs.Count > 0) writer.WriteLine("// gradients");
        foreach (ProgramOutput output in program.Outputs)
        {
            bool computesInline = printer.IsComputedInline(output.Node);
            if (isForward && computesInline) WriteOriginComment(model, output.Origin, ref lastComment, writer);
            string line = spelling.Output(output.Kind, output.Index) + " = " + printer.Reference(output.Node) + ";";
            if (!isForward || !computesInline) line += " // " + OutputLabel(model, output);
            writer.WriteLine(line);
        }
    }

    /// <summary>Prints <paramref name="program"/> to a string (lines end with '\n').</summary>
    /// <param name="model">The cell the program belongs to.</param>
    /// <param name="program">The program.</param>
    /// <param name="dialect">The target language.</param>
    /// <param name="spelling">How inputs, outputs and temporaries are named.</param>
    /// <param name="indent">Indentation level of every line (four spaces each).</param>
    public static string Print(CellModel model, CellProgram program, CodeDialect dialect, IProgramSpelling spelling, int indent = 0)
    {
        var writer = new CodeWriter(indent: indent);
        Print(model, program, dialect, spelling, writer);
        return writer.ToString();
    }

    private static void WriteOriginComment(CellModel model, StatementOrigin origin, ref StatementOrigin? last, CodeWriter writer)
    {
        if (origin.Kind == OriginKind.None || last == origin || (uint)origin.Equation >= (uint)model.Equations.Count) return;
        last = origin;
        EquationLine equation = model.Equations[origin.Equation];
        string where = "line " + equation.Line.ToString(CultureInfo.InvariantCulture) + ": " + equation.Text;
        writer.WriteLine("// " + (origin.Kind == OriginKind.Derivative ? "d/d of " + where : where));
    }

    private static string OutputLabel(CellModel model, ProgramOutput output)
    {
        string Gate() => output.Index < model.Gates.Count ? model.Gates[output.Index] : "gate " + output.Index;
        string State() => output.Index < model.States.Count ? model.States[output.Index] : "state " + output.Index;
        return output.Kind switch
        {
            ProgramOutputKind.NewState => State(),
            ProgramOutputKind.GateInputGradient => "d/d " + Gate() + ".input",
            ProgramOutputKind.GateRecurrentGradient => "d/d " + Gate() + ".recurrent",
            _ => "d/d previous " + State(),
        };
    }

    /// <summary>Expression text of the program's nodes, temporaries referenced by name.</summary>
    private sealed class ExpressionText
    {
        private readonly CellProgram _program;
        private readonly CodeDialect _dialect;
        private readonly IProgramSpelling _spelling;

        public ExpressionText(CellProgram program, CodeDialect dialect, IProgramSpelling spelling)
        {
            _program = program;
            _dialect = dialect;
            _spelling = spelling;
        }

        /// <summary>True when the node is computed right where it is referenced (not a temporary, leaf or constant).</summary>
        public bool IsComputedInline(int node) => _program.TemporaryOf(node) < 0 && !_program.Nodes[node].Op.IsLeaf();

        /// <summary>The text that computes a temporary's node (its operands by reference).</summary>
        public string Definition(int node) => Expression(node, out _);

        /// <summary>How a use of the node reads: the temporary's name, or the node's expression.</summary>
        public string Reference(int node) => Operand(node, 0);

        private string Operand(int node, int minimumPrecedence, bool strictlyHigher = false)
        {
            int temporary = _program.TemporaryOf(node);
            if (temporary >= 0) return _spelling.Temporary(temporary);
            string text = Expression(node, out int precedence);
            bool needsParentheses = precedence < minimumPrecedence || (strictlyHigher && precedence == minimumPrecedence);
            return needsParentheses ? "(" + text + ")" : text;
        }

        private string Expression(int index, out int precedence)
        {
            ProgramNode node = _program.Nodes[index];
            precedence = Primary;
            switch (node.Op)
            {
                case ProgramOp.Constant:
                    string constant = _dialect.Constant(node.Value, out bool isNegation);
                    if (isNegation) precedence = Unary;
                    return constant;
                case ProgramOp.GateInput:
                    return _spelling.GateInput(node.Index);
                case ProgramOp.GateRecurrent:
                    return _spelling.GateRecurrent(node.Index);
                case ProgramOp.OldState:
                    return _spelling.OldState(node.Index);
                case ProgramOp.Adjoint:
                    return _spelling.NewStateGradient(node.Index);
                case ProgramOp.FirstStep:
                    return _spelling.FirstStep();
                case ProgramOp.Negate:
                    precedence = Unary;
                    string operand = Operand(node.A, Unary);
                    return operand.StartsWith("-", StringComparison.Ordinal) ? "-(" + operand + ")" : "-" + operand;
                case ProgramOp.Add or ProgramOp.Subtract:
                    precedence = Additive;
                    return Binary(node, Additive);
                case ProgramOp.Divide when _dialect.DividesByCall:
                    return Call(node);
                case ProgramOp.Multiply or ProgramOp.Divide:
                    precedence = Multiplicative;
                    return Binary(node, Multiplicative);
                case ProgramOp.Select:
                    return "(" + Condition(node.A) + " ? " + Operand(node.B, 0) + " : " + Operand(node.C, 0) + ")";
                case var op when op.IsComparison():
                    // Only reachable for a comparison used outside a select, which the compiler never builds.
                    return "(" + Condition(index) + ")";
                default:
                    return Call(node);
            }
        }

        private string Binary(ProgramNode node, int precedence)
            => Operand(node.A, precedence) + " " + node.Op.OperatorText() + " " + Operand(node.B, precedence, strictlyHigher: true);

        private string Condition(int index)
        {
            ProgramNode node = _program.Nodes[index];
            if (!node.Op.IsComparison()) return Operand(index, Primary);
            return Operand(node.A, Additive) + " " + node.Op.OperatorText() + " " + Operand(node.B, Additive);
        }

        private string Call(ProgramNode node)
        {
            var text = new StringBuilder(_dialect.FunctionName(node.Op)).Append('(').Append(Operand(node.A, 0));
            if (node.B >= 0) text.Append(", ").Append(Operand(node.B, 0));
            return text.Append(')').ToString();
        }
    }
}
