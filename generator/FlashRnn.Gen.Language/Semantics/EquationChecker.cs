using System.Collections.Generic;
using System.Globalization;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language.Semantics;

/// <summary>
/// Checks the meaning of the equations: what each line assigns, that every state is assigned once, and that every
/// name, part, call and condition in the right sides is valid. Reports every problem it finds, not just the first.
/// </summary>
internal sealed class EquationChecker
{
    private const CellTextPart Part = CellTextPart.Equations;

    private readonly Declarations _declarations;
    private readonly DiagnosticBag _diagnostics;
    private readonly Definitions _definitions = new();

    private EquationChecker(Declarations declarations, DiagnosticBag diagnostics)
    {
        _declarations = declarations;
        _diagnostics = diagnostics;
    }

    public static Definitions Check(Declarations declarations, ParsedEquations parsed, DiagnosticBag diagnostics)
    {
        var checker = new EquationChecker(declarations, diagnostics);
        checker.CheckTargets(parsed);
        checker.CheckEveryStateAssigned(parsed);
        foreach (EquationSyntax equation in parsed.Equations)
        {
            if (equation.Expression is not null) checker.CheckValue(equation.Expression);
        }
        return checker._definitions;
    }

    private void CheckTargets(ParsedEquations parsed)
    {
        foreach (EquationSyntax equation in parsed.Equations)
        {
            string name = equation.Name;
            TextSpan span = equation.Target.Span;
            if (CellFunctions.ReservedBecause(name) is { } reason)
            {
                _diagnostics.Report(DiagnosticTable.ReservedName, Part, span, name, reason, "temporary");
            }
            else if (_declarations.GateStateConflicts.Contains(name))
            {
                // Already reported on the declaration; anything said here would repeat it.
            }
            else if (_declarations.GateIndex.ContainsKey(name))
            {
                _diagnostics.Report(DiagnosticTable.AssignmentToGate, Part, span, name);
            }
            else if (_declarations.StateIndex.ContainsKey(name))
            {
                if (_definitions.States.TryGetValue(name, out EquationSyntax? first))
                    _diagnostics.Report(DiagnosticTable.StateAssignedTwice, Part, span, name, LineText(first));
                else
                    _definitions.States.Add(name, equation);
            }
            else if (_definitions.Temporaries.TryGetValue(name, out EquationSyntax? first))
            {
                _diagnostics.Report(DiagnosticTable.TemporaryAssignedTwice, Part, span, name, LineText(first));
            }
            else
            {
                _definitions.Temporaries.Add(name, equation);
            }
        }
    }

    private void CheckEveryStateAssigned(ParsedEquations parsed)
    {
        if (parsed.IsEmpty)
        {
            _diagnostics.Report(DiagnosticTable.EmptyEquations, Part, new TextSpan(0, 0));
            return;
        }
        foreach (NameItem state in _declarations.States)
        {
            if (_definitions.States.ContainsKey(state.Text)) continue;
            // A line that starts with the name but is malformed was probably meant to assign it: its syntax error is enough.
            if (parsed.AbandonedTargets.Contains(state.Text)) continue;
            _diagnostics.Report(DiagnosticTable.StateNeverAssigned, CellTextPart.States, state.Span, state.Text);
        }
    }

    // ---- expressions -------------------------------------------------------------------------------------------------

    private void CheckValue(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case NumberSyntax:
                break;
            case NameSyntax name:
                CheckValueName(name);
                break;
            case MemberSyntax member:
                CheckMember(member);
                break;
            case CallSyntax call:
                CheckCall(call);
                foreach (ExpressionSyntax argument in call.Arguments) CheckValue(argument);
                break;
            case ParenthesizedSyntax parenthesized:
                CheckValue(parenthesized.Inner);
                break;
            case UnarySyntax unary:
                CheckValue(unary.Operand);
                break;
            case BinarySyntax binary:
                CheckValue(binary.Left);
                CheckValue(binary.Right);
                break;
            case ComparisonSyntax comparison:
                _diagnostics.Report(DiagnosticTable.ComparisonAsValue, Part, comparison.Span);
                CheckValue(comparison.Left);
                CheckValue(comparison.Right);
                break;
            case ConditionalSyntax conditional:
                CheckCondition(conditional.Condition);
                CheckValue(conditional.WhenTrue);
                CheckValue(conditional.WhenFalse);
                break;
        }
    }

    private void CheckCondition(ExpressionSyntax condition)
    {
        ExpressionSyntax inner = Unparenthesize(condition);
        switch (inner)
        {
            case ComparisonSyntax comparison:
                CheckValue(comparison.Left);
                CheckValue(comparison.Right);
                break;
            case NameSyntax { Name: CellFunctions.FirstStepName }:
                break;
            default:
                _diagnostics.Report(DiagnosticTable.ConditionNotComparison, Part, condition.Span);
                break;
        }
    }

    private void CheckValueName(NameSyntax syntax)
    {
        string name = syntax.Name;
        if (IsKnownValue(name)) return;
        if (name == CellFunctions.FirstStepName)
            _diagnostics.Report(DiagnosticTable.FirstAsValue, Part, syntax.Span);
        else if (CellFunctions.TryGet(name, out _, out int arity))
            _diagnostics.Report(DiagnosticTable.FunctionUsedAsValue, Part, syntax.Span, name, CellFunctions.ExampleCall(name, arity));
        else
            ReportUnknownName(syntax.Token);
    }

    private void CheckMember(MemberSyntax syntax)
    {
        string target = syntax.Target.Text;
        string member = syntax.Member.Text;
        if (_declarations.GateIndex.ContainsKey(target) || _declarations.GateStateConflicts.Contains(target))
        {
            if (member is not ("input" or "recurrent"))
            {
                string suggestion = NameSuggestions.DidYouMean(member, new[] { "input", "recurrent" });
                _diagnostics.Report(DiagnosticTable.UnknownMember, Part, syntax.Member.Span, target, member, suggestion);
            }
            return;
        }
        string? kind = KindOf(target);
        if (kind is null) ReportUnknownName(syntax.Target);
        else _diagnostics.Report(DiagnosticTable.MemberOnNonGate, Part, syntax.Target.Span, target, kind);
    }

    private void CheckCall(CallSyntax call)
    {
        string name = call.Name.Text;
        if (CellFunctions.TryGet(name, out _, out int arity))
        {
            if (call.Arguments.Count != arity)
            {
                _diagnostics.Report(DiagnosticTable.WrongArgumentCount, Part, call.Span, name,
                    arity == 1 ? "1 argument" : arity.ToString(CultureInfo.InvariantCulture) + " arguments",
                    call.Arguments.Count.ToString(CultureInfo.InvariantCulture), CellFunctions.ExampleCall(name, arity));
            }
            return;
        }
        string hint = KindOf(name) switch
        {
            null => NameSuggestions.DidYouMean(name, CellFunctions.Names),
            "condition" => " (it is the first-step condition)",
            string kind => " (it is a " + kind + "; write '" + name + " * (...)' to multiply)",
        };
        _diagnostics.Report(DiagnosticTable.UnknownFunction, Part, call.Name.Span, name, hint);
    }

    private void ReportUnknownName(Token token)
    {
        var candidates = new List<string>();
        foreach (NameItem gate in _declarations.Gates) candidates.Add(gate.Text);
        foreach (NameItem state in _declarations.States) candidates.Add(state.Text);
        candidates.AddRange(_definitions.Temporaries.Keys);
        _diagnostics.Report(DiagnosticTable.UnknownName, Part, token.Span, token.Text, NameSuggestions.DidYouMean(token.Text, candidates));
    }

    private bool IsKnownValue(string name)
    {
        if (_declarations.GateIndex.ContainsKey(name) || _declarations.StateIndex.ContainsKey(name) ||
            _declarations.GateStateConflicts.Contains(name))
        {
            return true;
        }
        if (!_definitions.Temporaries.ContainsKey(name)) return false;
        _definitions.ReadTemporaries.Add(name);
        return true;
    }

    /// <summary>"state", "temporary", "condition", "function" or null for an unknown name (gates are handled by callers).</summary>
    private string? KindOf(string name)
    {
        if (_declarations.StateIndex.ContainsKey(name)) return "state";
        if (_definitions.Temporaries.ContainsKey(name)) return "temporary";
        if (name == CellFunctions.FirstStepName) return "condition";
        if (CellFunctions.IsFunction(name)) return "function";
        if (_declarations.GateIndex.ContainsKey(name)) return "gate";
        return null;
    }

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedSyntax parenthesized) expression = parenthesized.Inner;
        return expression;
    }

    private static string LineText(EquationSyntax equation) => equation.Line.ToString(CultureInfo.InvariantCulture);
}
