using System;
using System.Collections.Generic;
using FlashRnn.Gen.Language.Collections;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Language.Ir;
using FlashRnn.Gen.Language.Programs;
using FlashRnn.Gen.Language.Semantics;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language;

/// <summary>
/// Compiles a cell's declaration strings: parses and checks them, lowers the equations to a simplified,
/// hash-consed expression DAG, derives the backward pass by reverse-mode differentiation, and schedules both into
/// straight-line programs.
/// </summary>
public static class CellCompiler
{
    /// <summary>
    /// Compiles <paramref name="text"/>. Never throws for any content of the strings: every problem is a
    /// diagnostic with the declaration string and the exact characters it is about.
    /// </summary>
    /// <param name="text">The cell's declaration strings.</param>
    /// <returns>The diagnostics, and the model when there is no error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static CellCompilation Compile(CellText text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var diagnostics = new DiagnosticBag();
        CellModel? model;
        try
        {
            model = CompileCore(text, diagnostics);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A bug, not a user error: say so in a diagnostic rather than crash the user's build.
            diagnostics.Report(DiagnosticTable.InternalError, CellTextPart.Equations, new TextSpan(0, 0),
                exception.GetType().Name + ": " + exception.Message);
            model = null;
        }
        return new CellCompilation(diagnostics.ToEquatableArray(), diagnostics.HasErrors ? null : model);
    }

    private static CellModel? CompileCore(CellText text, DiagnosticBag diagnostics)
    {
        Declarations declarations = DeclarationReader.Read(text, diagnostics);
        ParsedEquations parsed = EquationParser.Parse(text.TextOf(CellTextPart.Equations), diagnostics);
        Definitions definitions = EquationChecker.Check(declarations, parsed, diagnostics);
        if (diagnostics.HasErrors) return null;

        var graph = new DefinitionGraph(definitions);
        if (graph.ReportCycles(diagnostics)) return null;

        var factory = new NodeFactory();
        Node[] newStates = Lowerer.Lower(factory, declarations, definitions, graph);
        CellProgram forward = Scheduler.Schedule(ForwardOutputs(newStates, declarations, definitions));
        Gradients gradients = Differentiator.Differentiate(factory, newStates, declarations.Gates.Count);
        CellProgram backward = Scheduler.Schedule(BackwardOutputs(gradients));

        ReportUnusedTemporaries(definitions, diagnostics);
        ReportUnusedGates(forward, declarations, diagnostics);

        return new CellModel(
            Names(declarations.Gates),
            Names(declarations.States),
            declarations.RecurrentState,
            declarations.OutputStates.ToEquatableArray(),
            declarations.InitialValues.ToEquatableArray(),
            UsesFirstStep: Reads(forward, ProgramOp.FirstStep),
            forward,
            backward,
            EquationLines(parsed));
    }

    private static List<ScheduledOutput> ForwardOutputs(Node[] newStates, Declarations declarations, Definitions definitions)
    {
        var outputs = new List<ScheduledOutput>();
        for (int k = 0; k < newStates.Length; k++)
        {
            EquationSyntax assignment = definitions.States[declarations.States[k].Text];
            outputs.Add(new ScheduledOutput(ProgramOutputKind.NewState, k, newStates[k], StatementOrigin.ForEquation(assignment.Index)));
        }
        return outputs;
    }

    private static List<ScheduledOutput> BackwardOutputs(Gradients gradients)
    {
        var outputs = new List<ScheduledOutput>();
        for (int g = 0; g < gradients.GateInput.Length; g++)
            outputs.Add(new ScheduledOutput(ProgramOutputKind.GateInputGradient, g, gradients.GateInput[g], StatementOrigin.None));
        for (int g = 0; g < gradients.GateRecurrent.Length; g++)
            outputs.Add(new ScheduledOutput(ProgramOutputKind.GateRecurrentGradient, g, gradients.GateRecurrent[g], StatementOrigin.None));
        for (int k = 0; k < gradients.OldState.Length; k++)
            outputs.Add(new ScheduledOutput(ProgramOutputKind.OldStateGradient, k, gradients.OldState[k], StatementOrigin.None));
        return outputs;
    }

    private static void ReportUnusedTemporaries(Definitions definitions, DiagnosticBag diagnostics)
    {
        var unused = new List<EquationSyntax>();
        foreach (KeyValuePair<string, EquationSyntax> temporary in definitions.Temporaries)
        {
            if (!definitions.ReadTemporaries.Contains(temporary.Key)) unused.Add(temporary.Value);
        }
        unused.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (EquationSyntax equation in unused)
            diagnostics.Report(DiagnosticTable.UnusedTemporary, CellTextPart.Equations, equation.Target.Span, equation.Name);
    }

    private static void ReportUnusedGates(CellProgram forward, Declarations declarations, DiagnosticBag diagnostics)
    {
        var used = new HashSet<int>();
        foreach (ProgramNode node in forward.Nodes)
        {
            if (node.Op is ProgramOp.GateInput or ProgramOp.GateRecurrent) used.Add(node.Index);
        }
        for (int g = 0; g < declarations.Gates.Count; g++)
        {
            if (!used.Contains(g))
                diagnostics.Report(DiagnosticTable.UnusedGate, CellTextPart.Gates, declarations.Gates[g].Span, declarations.Gates[g].Text);
        }
    }

    private static bool Reads(CellProgram program, ProgramOp leaf)
    {
        foreach (ProgramNode node in program.Nodes)
        {
            if (node.Op == leaf) return true;
        }
        return false;
    }

    private static EquatableArray<string> Names(List<NameItem> items)
    {
        var names = new string[items.Count];
        for (int i = 0; i < names.Length; i++) names[i] = items[i].Text;
        return EquatableArray<string>.TakeOwnership(names);
    }

    private static EquatableArray<EquationLine> EquationLines(ParsedEquations parsed)
    {
        var lines = new EquationLine[parsed.Equations.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            EquationSyntax equation = parsed.Equations[i];
            lines[i] = new EquationLine(equation.Line, equation.Name, equation.Text);
        }
        return EquatableArray<EquationLine>.TakeOwnership(lines);
    }
}
