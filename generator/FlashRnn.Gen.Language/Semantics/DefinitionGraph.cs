using System;
using System.Collections.Generic;
using FlashRnn.Gen.Language.Diagnostics;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language.Semantics;

/// <summary>
/// Which definitions each definition reads: a temporary always means its definition; a state means its definition
/// (its new value) only when read on a line below its assignment. Finds cycles and orders definitions so every one
/// comes after those it reads.
/// </summary>
internal sealed class DefinitionGraph
{
    private readonly Definitions _definitions;
    private readonly List<EquationSyntax> _nodes = new();
    private readonly Dictionary<EquationSyntax, List<EquationSyntax>> _reads = new();

    public DefinitionGraph(Definitions definitions)
    {
        _definitions = definitions;
        _nodes.AddRange(definitions.States.Values);
        _nodes.AddRange(definitions.Temporaries.Values);
        _nodes.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (EquationSyntax node in _nodes)
        {
            var reads = new List<EquationSyntax>();
            if (node.Expression is not null) CollectReads(node.Expression, node, reads);
            _reads[node] = reads;
        }
    }

    /// <summary>The definitions in an order where each follows everything it reads, ties in text order.</summary>
    public List<EquationSyntax> DependencyOrder()
    {
        var order = new List<EquationSyntax>();
        var done = new HashSet<EquationSyntax>();
        var stack = new Stack<(EquationSyntax Node, int Next)>();
        foreach (EquationSyntax root in _nodes)
        {
            if (!done.Add(root)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                (EquationSyntax node, int next) = stack.Pop();
                List<EquationSyntax> reads = _reads[node];
                if (next < reads.Count)
                {
                    stack.Push((node, next + 1));
                    if (done.Add(reads[next])) stack.Push((reads[next], 0));
                }
                else
                {
                    order.Add(node);
                }
            }
        }
        return order;
    }

    /// <summary>Reports each cycle once, at the target of its first definition in text order. True when there was one.</summary>
    public bool ReportCycles(DiagnosticBag diagnostics)
    {
        bool found = false;
        foreach (List<EquationSyntax> component in StronglyConnectedComponents())
        {
            EquationSyntax start = component[0];
            foreach (EquationSyntax member in component)
            {
                if (member.Index < start.Index) start = member;
            }
            bool selfLoop = _reads[start].Contains(start);
            if (component.Count == 1 && !selfLoop) continue;

            found = true;
            var members = new HashSet<EquationSyntax>(component);
            List<EquationSyntax> cycle = ShortestCycle(start, members);
            var names = new List<string>();
            foreach (EquationSyntax step in cycle) names.Add(step.Name);
            names.Add(start.Name);
            diagnostics.Report(DiagnosticTable.DependencyCycle, CellTextPart.Equations, start.Target.Span, start.Name,
                string.Join(" -> ", names));
        }
        return found;
    }

    private void CollectReads(ExpressionSyntax expression, EquationSyntax reader, List<EquationSyntax> reads)
    {
        switch (expression)
        {
            case NameSyntax name:
                if (_definitions.Temporaries.TryGetValue(name.Name, out EquationSyntax? temporary))
                    AddOnce(reads, temporary);
                else if (_definitions.States.TryGetValue(name.Name, out EquationSyntax? state) && state.Index < reader.Index)
                    AddOnce(reads, state);
                break;
            case CallSyntax call:
                foreach (ExpressionSyntax argument in call.Arguments) CollectReads(argument, reader, reads);
                break;
            case ParenthesizedSyntax parenthesized:
                CollectReads(parenthesized.Inner, reader, reads);
                break;
            case UnarySyntax unary:
                CollectReads(unary.Operand, reader, reads);
                break;
            case BinarySyntax binary:
                CollectReads(binary.Left, reader, reads);
                CollectReads(binary.Right, reader, reads);
                break;
            case ComparisonSyntax comparison:
                CollectReads(comparison.Left, reader, reads);
                CollectReads(comparison.Right, reader, reads);
                break;
            case ConditionalSyntax conditional:
                CollectReads(conditional.Condition, reader, reads);
                CollectReads(conditional.WhenTrue, reader, reads);
                CollectReads(conditional.WhenFalse, reader, reads);
                break;
        }
    }

    private static void AddOnce(List<EquationSyntax> reads, EquationSyntax definition)
    {
        if (!reads.Contains(definition)) reads.Add(definition);
    }

    /// <summary>The nodes of the shortest path start -> ... -> (back to start) inside one component, start first.</summary>
    private List<EquationSyntax> ShortestCycle(EquationSyntax start, HashSet<EquationSyntax> members)
    {
        var previous = new Dictionary<EquationSyntax, EquationSyntax>();
        var queue = new Queue<EquationSyntax>();
        queue.Enqueue(start);
        EquationSyntax? last = null;
        while (queue.Count > 0 && last is null)
        {
            EquationSyntax node = queue.Dequeue();
            foreach (EquationSyntax next in _reads[node])
            {
                if (!members.Contains(next)) continue;
                if (next == start)
                {
                    last = node;
                    break;
                }
                if (previous.ContainsKey(next)) continue;
                previous[next] = node;
                queue.Enqueue(next);
            }
        }
        var path = new List<EquationSyntax>();
        for (EquationSyntax? node = last; node is not null && node != start; node = previous[node]) path.Add(node);
        path.Add(start);
        path.Reverse();
        return path;
    }

    /// <summary>Tarjan's algorithm, iterative so long chains of definitions cannot overflow the stack.</summary>
    private List<List<EquationSyntax>> StronglyConnectedComponents()
    {
        var index = new Dictionary<EquationSyntax, int>();
        var lowLink = new Dictionary<EquationSyntax, int>();
        var onStack = new HashSet<EquationSyntax>();
        var componentStack = new Stack<EquationSyntax>();
        var components = new List<List<EquationSyntax>>();
        var work = new Stack<(EquationSyntax Node, int Next)>();
        int counter = 0;

        foreach (EquationSyntax root in _nodes)
        {
            if (index.ContainsKey(root)) continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                (EquationSyntax node, int next) = work.Pop();
                if (next == 0)
                {
                    index[node] = lowLink[node] = counter++;
                    componentStack.Push(node);
                    onStack.Add(node);
                }
                List<EquationSyntax> reads = _reads[node];
                if (next < reads.Count)
                {
                    work.Push((node, next + 1));
                    EquationSyntax successor = reads[next];
                    if (!index.ContainsKey(successor)) work.Push((successor, 0));
                    else if (onStack.Contains(successor)) lowLink[node] = Math.Min(lowLink[node], index[successor]);
                    continue;
                }
                // All successors done: fold their low links (a successor finished before us) and close a component.
                foreach (EquationSyntax successor in reads)
                {
                    if (onStack.Contains(successor)) lowLink[node] = Math.Min(lowLink[node], lowLink[successor]);
                }
                if (lowLink[node] != index[node]) continue;
                var component = new List<EquationSyntax>();
                EquationSyntax member;
                do
                {
                    member = componentStack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                } while (member != node);
                components.Add(component);
            }
        }
        return components;
    }
}
