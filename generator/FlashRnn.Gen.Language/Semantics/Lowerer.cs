using System;
using System.Collections.Generic;
using FlashRnn.Gen.Language.Ir;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language.Semantics;

/// <summary>
/// Lowers checked, acyclic equations to DAG nodes: gate <c>g</c> becomes <c>GateInput(g) + GateRecurrent(g)</c>,
/// a state read above (or on) its assignment line its <c>OldState</c> leaf, below it its new value, a temporary its
/// definition. Definitions are lowered in dependency order, each under its own origin.
/// </summary>
internal sealed class Lowerer
{
    private readonly NodeFactory _factory;
    private readonly Declarations _declarations;
    private readonly Definitions _definitions;
    private readonly Dictionary<EquationSyntax, Node> _values = new();

    private Lowerer(NodeFactory factory, Declarations declarations, Definitions definitions)
    {
        _factory = factory;
        _declarations = declarations;
        _definitions = definitions;
    }

    /// <summary>Lowers every definition; returns the new value of each state, in state order.</summary>
    public static Node[] Lower(NodeFactory factory, Declarations declarations, Definitions definitions, DefinitionGraph graph)
    {
        var lowerer = new Lowerer(factory, declarations, definitions);
        foreach (EquationSyntax definition in graph.DependencyOrder())
        {
            factory.Origin = StatementOrigin.ForEquation(definition.Index);
            lowerer._values[definition] = lowerer.Value(definition.Expression!, definition);
        }
        factory.Origin = StatementOrigin.None;

        var newStates = new Node[declarations.States.Count];
        for (int k = 0; k < newStates.Length; k++)
            newStates[k] = lowerer._values[definitions.States[declarations.States[k].Text]];
        return newStates;
    }

    private Node Value(ExpressionSyntax expression, EquationSyntax reader)
    {
        NodeFactory f = _factory;
        switch (expression)
        {
            case NumberSyntax number:
                return f.Constant(number.Value);
            case NameSyntax name:
                return NameValue(name.Name, reader);
            case MemberSyntax member:
                int gate = _declarations.GateIndex[member.Target.Text];
                return member.Member.Text == "input" ? f.GateInput(gate) : f.GateRecurrent(gate);
            case CallSyntax call:
                CellFunctions.TryGet(call.Name.Text, out ProgramOp op, out int arity);
                Node first = Value(call.Arguments[0], reader);
                return arity == 1 ? f.Apply(op, first) : f.Apply(op, first, Value(call.Arguments[1], reader));
            case ParenthesizedSyntax parenthesized:
                return Value(parenthesized.Inner, reader);
            case UnarySyntax unary:
                Node operand = Value(unary.Operand, reader);
                return unary.Operator.Kind == TokenKind.Minus ? f.Negate(operand) : operand;
            case BinarySyntax binary:
                return f.Apply(ArithmeticOp(binary.Operator.Kind), Value(binary.Left, reader), Value(binary.Right, reader));
            case ConditionalSyntax conditional:
                return f.Select(Condition(conditional.Condition, reader),
                    Value(conditional.WhenTrue, reader), Value(conditional.WhenFalse, reader));
            default:
                throw new InvalidOperationException($"Unchecked expression {expression.GetType().Name} reached lowering.");
        }
    }

    private Node Condition(ExpressionSyntax expression, EquationSyntax reader)
    {
        while (expression is ParenthesizedSyntax parenthesized) expression = parenthesized.Inner;
        if (expression is ComparisonSyntax comparison)
        {
            return _factory.Compare(ComparisonOp(comparison.Operator.Kind),
                Value(comparison.Left, reader), Value(comparison.Right, reader));
        }
        return _factory.FirstStep();
    }

    private Node NameValue(string name, EquationSyntax reader)
    {
        if (_declarations.GateIndex.TryGetValue(name, out int gate))
            return _factory.Add(_factory.GateInput(gate), _factory.GateRecurrent(gate));
        if (_declarations.StateIndex.TryGetValue(name, out int state))
        {
            EquationSyntax assignment = _definitions.States[name];
            return assignment.Index < reader.Index ? _values[assignment] : _factory.OldState(state);
        }
        return _values[_definitions.Temporaries[name]];
    }

    private static ProgramOp ArithmeticOp(TokenKind kind) => kind switch
    {
        TokenKind.Plus => ProgramOp.Add,
        TokenKind.Minus => ProgramOp.Subtract,
        TokenKind.Star => ProgramOp.Multiply,
        _ => ProgramOp.Divide,
    };

    private static ProgramOp ComparisonOp(TokenKind kind) => kind switch
    {
        TokenKind.EqualEqual => ProgramOp.Equal,
        TokenKind.NotEqual => ProgramOp.NotEqual,
        TokenKind.Less => ProgramOp.Less,
        TokenKind.LessEqual => ProgramOp.LessOrEqual,
        TokenKind.Greater => ProgramOp.Greater,
        _ => ProgramOp.GreaterOrEqual,
    };
}
