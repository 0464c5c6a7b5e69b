using System.Collections.Generic;
using System.Globalization;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language.Semantics;

/// <summary>Reads and checks the declaration strings other than the equations.</summary>
internal static class DeclarationReader
{
    public static Declarations Read(CellText text, DiagnosticBag diagnostics)
    {
        List<NameItem> gates = ReadNames(text.TextOf(CellTextPart.Gates), CellTextPart.Gates, "gate",
            DiagnosticTable.DuplicateGate, DiagnosticTable.NoGates, diagnostics);
        List<NameItem> states = ReadNames(text.TextOf(CellTextPart.States), CellTextPart.States, "state",
            DiagnosticTable.DuplicateState, DiagnosticTable.NoStates, diagnostics);

        var gateNames = new HashSet<string>();
        foreach (NameItem gate in gates) gateNames.Add(gate.Text);
        var conflicts = new HashSet<string>();
        states.RemoveAll(state =>
        {
            if (!gateNames.Contains(state.Text)) return false;
            diagnostics.Report(DiagnosticTable.GateStateSameName, CellTextPart.States, state.Span, state.Text);
            conflicts.Add(state.Text);
            return true;
        });

        var stateIndex = new Dictionary<string, int>();
        for (int i = 0; i < states.Count; i++) stateIndex[states[i].Text] = i;
        string stateList = StateList(states);

        int recurrent = ReadRecurrent(text.Recurrent, stateIndex, stateList, diagnostics);
        List<int> outputs = ReadOutputs(text.Outputs, recurrent, stateIndex, stateList, diagnostics);
        double[] initial = ReadInitial(text.Initial, stateIndex, stateList, diagnostics);
        return new Declarations(gates, states, conflicts, recurrent, outputs, initial);
    }

    private static List<NameItem> ReadNames(string text, CellTextPart part, string what,
        CellDiagnosticDescriptor duplicate, CellDiagnosticDescriptor empty, DiagnosticBag diagnostics)
    {
        List<NameItem> items = NameListParser.Split(text);
        if (items.Count == 0) diagnostics.Report(empty, part, new TextSpan(0, text.Length));

        var names = new List<NameItem>();
        var seen = new HashSet<string>();
        foreach (NameItem item in items)
        {
            if (!item.IsIdentifier)
            {
                diagnostics.Report(DiagnosticTable.InvalidName, part, item.Span, item.Text);
            }
            else if (CellFunctions.ReservedBecause(item.Text) is { } reason)
            {
                diagnostics.Report(DiagnosticTable.ReservedName, part, item.Span, item.Text, reason, what);
            }
            else if (!seen.Add(item.Text))
            {
                diagnostics.Report(duplicate, part, item.Span, item.Text);
            }
            else
            {
                names.Add(item);
            }
        }
        return names;
    }

    private static int ReadRecurrent(string? text, Dictionary<string, int> stateIndex, string stateList, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        List<NameItem> items = NameListParser.Split(text!);
        if (items.Count > 1)
        {
            diagnostics.Report(DiagnosticTable.RecurrentNotSingle, CellTextPart.Recurrent,
                TextSpan.Covering(items[0].Span, items[items.Count - 1].Span), items.Count.ToString(CultureInfo.InvariantCulture));
            return 0;
        }
        NameItem item = items[0];
        if (!item.IsIdentifier)
        {
            diagnostics.Report(DiagnosticTable.InvalidName, CellTextPart.Recurrent, item.Span, item.Text);
            return 0;
        }
        if (stateIndex.TryGetValue(item.Text, out int index)) return index;
        if (stateIndex.Count > 0)
            diagnostics.Report(DiagnosticTable.RecurrentNotAState, CellTextPart.Recurrent, item.Span, item.Text, stateList);
        return 0;
    }

    private static List<int> ReadOutputs(string? text, int recurrent, Dictionary<string, int> stateIndex, string stateList,
        DiagnosticBag diagnostics)
    {
        var outputs = new List<int>();
        if (string.IsNullOrWhiteSpace(text))
        {
            if (stateIndex.Count > 0) outputs.Add(recurrent);
            return outputs;
        }
        foreach (NameItem item in NameListParser.Split(text!))
        {
            if (!item.IsIdentifier)
                diagnostics.Report(DiagnosticTable.InvalidName, CellTextPart.Outputs, item.Span, item.Text);
            else if (!stateIndex.TryGetValue(item.Text, out int index))
            {
                if (stateIndex.Count > 0)
                    diagnostics.Report(DiagnosticTable.OutputNotAState, CellTextPart.Outputs, item.Span, item.Text, stateList);
            }
            else if (outputs.Contains(index))
                diagnostics.Report(DiagnosticTable.DuplicateOutput, CellTextPart.Outputs, item.Span, item.Text);
            else
                outputs.Add(index);
        }
        return outputs;
    }

    private static double[] ReadInitial(string? text, Dictionary<string, int> stateIndex, string stateList, DiagnosticBag diagnostics)
    {
        var values = new double[stateIndex.Count];
        if (string.IsNullOrWhiteSpace(text)) return values;
        var seen = new HashSet<int>();
        const CellTextPart part = CellTextPart.Initial;
        foreach (InitialEntry entry in InitialParser.Split(text!))
        {
            NameItem name = entry.Name;
            if (!entry.HasEquals)
            {
                diagnostics.Report(DiagnosticTable.InitialSyntax, part, entry.Entry, "add '=' and a constant after the state name, as in 'n = 1'");
                continue;
            }
            if (name.Text.Length == 0)
            {
                diagnostics.Report(DiagnosticTable.InitialSyntax, part, entry.Entry, "name the state before '='");
                continue;
            }
            if (!name.IsIdentifier)
            {
                diagnostics.Report(DiagnosticTable.InvalidName, part, name.Span, name.Text);
                continue;
            }
            if (entry.ValueText.Length == 0)
            {
                diagnostics.Report(DiagnosticTable.InitialSyntax, part, entry.Entry, "write a constant after '='");
                continue;
            }
            if (!stateIndex.TryGetValue(name.Text, out int state))
            {
                if (stateIndex.Count > 0)
                    diagnostics.Report(DiagnosticTable.InitialUnknownState, part, name.Span, name.Text, stateList);
                continue;
            }
            if (!seen.Add(state))
            {
                diagnostics.Report(DiagnosticTable.InitialDuplicate, part, name.Span, name.Text);
                continue;
            }
            double? value = InitialParser.ReadConstant(entry.ValueText, out bool looksNumeric);
            if (value is null)
            {
                if (looksNumeric)
                    diagnostics.Report(DiagnosticTable.InvalidNumber, part, entry.ValueSpan, entry.ValueText);
                else
                    diagnostics.Report(DiagnosticTable.InitialNotConstant, part, entry.ValueSpan, name.Text, entry.ValueText);
                continue;
            }
            if (System.Math.Abs(value.Value) > float.MaxValue)
            {
                diagnostics.Report(DiagnosticTable.NumberOutOfRange, part, entry.ValueSpan, entry.ValueText);
                continue;
            }
            values[state] = value.Value == 0 ? 0.0 : value.Value;
        }
        return values;
    }

    private static string StateList(List<NameItem> states)
    {
        var names = new List<string>();
        foreach (NameItem state in states) names.Add(state.Text);
        return names.Count == 0 ? "(none declared)" : string.Join(", ", names);
    }
}
