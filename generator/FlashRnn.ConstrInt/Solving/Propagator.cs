using System;
using System.Collections.Generic;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>
    /// Bounds propagation to a fixpoint over a set of compiled trees (HC4-revise: evaluate intervals bottom-up,
    /// intersect the root with its target, project the result back down to the variables).
    /// </summary>
    internal sealed class Propagator
    {
        /// <summary>How often a tree may be revised in one fixpoint before propagation stops early (still sound).</summary>
        private const int RevisionsPerTree = 200;

        /// <summary>How many domain values a divisor filter inspects from each end before giving up (still sound).</summary>
        private const int DivisorScanLimit = 4096;

        private readonly CompiledTree[] _trees;
        private readonly List<int>[] _watchers;
        private readonly bool[] _queued;
        private readonly Queue<int> _queue = new Queue<int>();
        private readonly bool[] _active;

        /// <summary>Trees found entailed (true for every value left); they sleep until backtracking undoes that.</summary>
        private readonly bool[] _entailed;
        private readonly Stack<int> _entailedTrail = new Stack<int>();

        /// <summary>The tree under revision: its own narrowings do not queue it again (re-running it rarely helps).</summary>
        private int _revising = -1;

        public Propagator(IReadOnlyList<IntVar> variables, CompiledTree[] trees)
        {
            _trees = trees;
            _queued = new bool[trees.Length];
            _active = new bool[trees.Length];
            _entailed = new bool[trees.Length];
            _watchers = new List<int>[variables.Count];
            for (int v = 0; v < _watchers.Length; v++)
            {
                _watchers[v] = new List<int>();
            }

            for (int t = 0; t < trees.Length; t++)
            {
                _active[t] = true;
                foreach (int variable in trees[t].Variables)
                {
                    _watchers[variable].Add(t);
                }
            }

            Store = new DomainStore(variables, OnVariableChanged);
        }

        public DomainStore Store { get; }

        public CompiledTree[] Trees => _trees;

        public void SetActive(int tree, bool active) => _active[tree] = active;

        public bool IsActive(int tree) => _active[tree];

        /// <summary>A mark to pass to <see cref="UndoTo"/>: the domain trail and the entailment trail together.</summary>
        public (int Domains, int Entailed) Mark() => (Store.TrailMark, _entailedTrail.Count);

        /// <summary>Restores domains and wakes trees that were entailed after <paramref name="mark"/>.</summary>
        public void UndoTo((int Domains, int Entailed) mark)
        {
            Store.UndoTo(mark.Domains);
            while (_entailedTrail.Count > mark.Entailed)
            {
                _entailed[_entailedTrail.Pop()] = false;
            }
        }

        public void Enqueue(int tree)
        {
            if (!_queued[tree] && _active[tree] && !_entailed[tree])
            {
                _queued[tree] = true;
                _queue.Enqueue(tree);
            }
        }

        public void EnqueueAll()
        {
            for (int t = 0; t < _trees.Length; t++)
            {
                Enqueue(t);
            }
        }

        /// <summary>Runs queued revisions to a fixpoint; false when some domain became empty.</summary>
        public bool Propagate()
        {
            int budget = RevisionsPerTree * Math.Max(_trees.Length, 1);
            while (_queue.Count > 0)
            {
                int tree = _queue.Dequeue();
                _queued[tree] = false;
                if (!_active[tree] || _entailed[tree])
                {
                    continue;
                }

                _revising = tree;
                bool consistent = --budget >= 0 && Revise(_trees[tree]);
                _revising = -1;
                if (!consistent)
                {
                    bool failed = budget >= 0;
                    ClearQueue();
                    return !failed;
                }
            }

            return true;
        }

        private void ClearQueue()
        {
            while (_queue.Count > 0)
            {
                _queued[_queue.Dequeue()] = false;
            }
        }

        private void OnVariableChanged(int variable)
        {
            foreach (int tree in _watchers[variable])
            {
                // The tree being revised has already seen this change.
                if (tree != _revising)
                {
                    Enqueue(tree);
                }
            }
        }

        private bool Revise(CompiledTree tree)
        {
            if (!Forward(tree))
            {
                return false;
            }

            int root = tree.Root;
            if (IsEntailed(tree))
            {
                return true;
            }

            long lo = Math.Max(tree.Lo[root], tree.TargetLo);
            long hi = Math.Min(tree.Hi[root], tree.TargetHi);
            if (tree.Excluded is long excluded)
            {
                if (lo == excluded)
                {
                    lo = IntMath.SaturatingAdd(lo, 1);
                }

                if (hi == excluded)
                {
                    hi = IntMath.SaturatingSubtract(hi, 1);
                }
            }

            if (lo > hi)
            {
                return false;
            }

            tree.Lo[root] = lo;
            tree.Hi[root] = hi;
            return Backward(tree);
        }

        /// <summary>
        /// A constraint whose root interval already lies inside its target holds for every remaining value, so it
        /// sleeps until backtracking. The objective's target moves, so it never sleeps.
        /// </summary>
        private bool IsEntailed(CompiledTree tree)
        {
            if (tree.ConstraintIndex < 0)
            {
                return false;
            }

            int root = tree.Root;
            long lo = tree.Lo[root];
            long hi = tree.Hi[root];
            bool inside = lo >= tree.TargetLo && hi <= tree.TargetHi
                && (tree.Excluded is not long excluded || excluded < lo || excluded > hi);
            if (!inside)
            {
                return false;
            }

            int index = tree.ConstraintIndex; // constraint trees sit at their constraint's index
            _entailed[index] = true;
            _entailedTrail.Push(index);
            return true;
        }

        /// <summary>Bottom-up interval evaluation into the tree's scratch arrays, clamped to ±2^62.</summary>
        private bool Forward(CompiledTree tree)
        {
            CompiledNode[] nodes = tree.Nodes;
            long[] los = tree.Lo;
            long[] his = tree.Hi;
            for (int i = 0; i < nodes.Length; i++)
            {
                ref readonly CompiledNode node = ref nodes[i];
                long lo;
                long hi;
                switch (node.Kind)
                {
                    case ExprKind.Constant:
                        if (node.Undefined)
                        {
                            return false;
                        }

                        lo = node.Value;
                        hi = node.Value;
                        break;
                    case ExprKind.Variable:
                        lo = Store.Lo(node.Variable);
                        hi = Store.Hi(node.Variable);
                        break;
                    case ExprKind.Negate:
                        lo = IntMath.SaturatingNegate(his[node.Left]);
                        hi = IntMath.SaturatingNegate(los[node.Left]);
                        break;
                    default:
                        IntervalArithmetic.Binary(node.Kind, los[node.Left], his[node.Left], los[node.Right], his[node.Right], out lo, out hi);
                        break;
                }

                lo = Math.Max(lo, -IntMath.Limit);
                hi = Math.Min(hi, IntMath.Limit);
                if (lo > hi)
                {
                    return false;
                }

                los[i] = lo;
                his[i] = hi;
            }

            return true;
        }


        /// <summary>Top-down projection of each node's interval onto its children, then onto the variables.</summary>
        private bool Backward(CompiledTree tree)
        {
            CompiledNode[] nodes = tree.Nodes;
            for (int i = nodes.Length - 1; i >= 0; i--)
            {
                CompiledNode node = nodes[i];
                bool ok = node.Kind switch
                {
                    ExprKind.Constant => true,
                    ExprKind.Variable => Store.Narrow(node.Variable, tree.Lo[i], tree.Hi[i]),
                    ExprKind.Negate => Restrict(tree, node.Left, IntMath.SaturatingNegate(tree.Hi[i]), IntMath.SaturatingNegate(tree.Lo[i])),
                    _ => ProjectBinary(tree, i, node),
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private bool ProjectBinary(CompiledTree tree, int index, CompiledNode node)
        {
            long[] los = tree.Lo;
            long[] his = tree.Hi;
            long zlo = los[index];
            long zhi = his[index];
            int a = node.Left;
            int b = node.Right;
            switch (node.Kind)
            {
                case ExprKind.Add:
                    return Restrict(tree, a, IntMath.SaturatingSubtract(zlo, his[b]), IntMath.SaturatingSubtract(zhi, los[b]))
                        && Restrict(tree, b, IntMath.SaturatingSubtract(zlo, his[a]), IntMath.SaturatingSubtract(zhi, los[a]));
                case ExprKind.Subtract:
                    return Restrict(tree, a, IntMath.SaturatingAdd(zlo, los[b]), IntMath.SaturatingAdd(zhi, his[b]))
                        && Restrict(tree, b, IntMath.SaturatingSubtract(los[a], zhi), IntMath.SaturatingSubtract(his[a], zlo));
                case ExprKind.Multiply:
                    return RestrictFactor(tree, a, zlo, zhi, los[b], his[b])
                        && RestrictFactor(tree, b, zlo, zhi, los[a], his[a]);
                case ExprKind.Min:
                    return Restrict(tree, a, zlo, los[b] > zhi ? zhi : long.MaxValue)
                        && Restrict(tree, b, zlo, los[a] > zhi ? zhi : long.MaxValue);
                case ExprKind.Max:
                    return Restrict(tree, a, his[b] < zlo ? zlo : long.MinValue, zhi)
                        && Restrict(tree, b, his[a] < zlo ? zlo : long.MinValue, zhi);
                case ExprKind.Divide:
                    return ProjectDivide(tree, a, b, zlo, zhi);
                case ExprKind.Remainder:
                    return ProjectRemainder(tree, node, a, b, zlo, zhi);
                default:
                    throw new InvalidOperationException($"Unexpected node kind {node.Kind}.");
            }
        }

        private static bool RestrictFactor(CompiledTree tree, int factor, long zlo, long zhi, long otherLo, long otherHi)
        {
            if (!IntervalArithmetic.ProjectFactor(zlo, zhi, otherLo, otherHi, out long lo, out long hi))
            {
                return true;
            }

            return Restrict(tree, factor, lo, hi);
        }

        private bool ProjectDivide(CompiledTree tree, int a, int b, long zlo, long zhi)
        {
            long[] los = tree.Lo;
            long[] his = tree.Hi;
            if (!ExcludeZero(tree, b))
            {
                return false;
            }

            if (los[b] == his[b])
            {
                long divisor = los[b];
                long m = IntMath.Abs(divisor);
                long qlo = divisor > 0 ? zlo : IntMath.SaturatingNegate(zhi);
                long qhi = divisor > 0 ? zhi : IntMath.SaturatingNegate(zlo);
                // trunc(a / m) >= qlo and <= qhi, translated into bounds on a.
                long lo = qlo > 0
                    ? IntMath.SaturatingMultiply(qlo, m)
                    : IntMath.SaturatingAdd(IntMath.SaturatingMultiply(IntMath.SaturatingSubtract(qlo, 1), m), 1);
                long hi = qhi >= 0
                    ? IntMath.SaturatingAdd(IntMath.SaturatingMultiply(qhi, m), m - 1)
                    : IntMath.SaturatingMultiply(qhi, m);
                return Restrict(tree, a, lo, hi);
            }

            if (los[a] >= 0 && los[b] >= 1 && zlo >= 0)
            {
                // floor(a / b) = q means q*b <= a <= q*b + b - 1.
                long aLo = IntMath.SaturatingMultiply(zlo, los[b]);
                long aHi = IntMath.SaturatingAdd(IntMath.SaturatingMultiply(zhi, his[b]), his[b] - 1);
                if (!Restrict(tree, a, aLo, aHi))
                {
                    return false;
                }

                long bLo = IntMath.SaturatingAdd(IntMath.FloorDivide(los[a], IntMath.SaturatingAdd(zhi, 1)), 1);
                long bHi = zlo >= 1 ? IntMath.FloorDivide(his[a], zlo) : long.MaxValue;
                return Restrict(tree, b, bLo, bHi);
            }

            return true;
        }

        private bool ProjectRemainder(CompiledTree tree, CompiledNode node, int a, int b, long zlo, long zhi)
        {
            long[] los = tree.Lo;
            long[] his = tree.Hi;
            if (!ExcludeZero(tree, b))
            {
                return false;
            }

            // The remainder has the dividend's sign and is no larger than it or than the divisor.
            if (zlo > 0)
            {
                if (!Restrict(tree, a, zlo, long.MaxValue) || !RestrictMagnitudeAbove(tree, b, zlo))
                {
                    return false;
                }
            }
            else if (zhi < 0)
            {
                if (!Restrict(tree, a, long.MinValue, zhi) || !RestrictMagnitudeAbove(tree, b, IntMath.SaturatingNegate(zhi)))
                {
                    return false;
                }
            }

            if (los[b] == his[b])
            {
                return RestrictDividendByResidue(tree, a, IntMath.Abs(los[b]), zlo, zhi);
            }

            if (zlo == 0 && zhi == 0 && los[a] == his[a] && los[a] != 0 && tree.Nodes[b].Kind == ExprKind.Variable)
            {
                return RestrictToDivisors(tree, b, tree.Nodes[b].Variable, IntMath.Abs(los[a]));
            }

            return true;
        }

        /// <summary>Narrows a dividend so that its remainder modulo m can fall in [zlo, zhi].</summary>
        private static bool RestrictDividendByResidue(CompiledTree tree, int a, long m, long zlo, long zhi)
        {
            long alo = tree.Lo[a];
            long ahi = tree.Hi[a];
            long? lowest = null;
            long? highest = null;

            if (alo <= -1)
            {
                // Negative dividends: u = -a > 0 has u % m = -r with r in [zlo, zhi] ∩ [-(m-1), 0].
                long rLo = Math.Max(zlo, -(m - 1));
                long rHi = Math.Min(zhi, 0);
                if (rLo <= rHi)
                {
                    long uLo = Math.Max(IntMath.SaturatingNegate(ahi), 1);
                    long uHi = IntMath.SaturatingNegate(alo);
                    long? largestU = IntervalArithmetic.LastWithResidue(uLo, uHi, m, -rHi, -rLo);
                    long? smallestU = IntervalArithmetic.FirstWithResidue(uLo, uHi, m, -rHi, -rLo);
                    if (largestU is not null)
                    {
                        lowest = -largestU.Value;
                        highest = -smallestU!.Value;
                    }
                }
            }

            if (ahi >= 0)
            {
                long rLo = Math.Max(zlo, 0);
                long rHi = Math.Min(zhi, m - 1);
                if (rLo <= rHi)
                {
                    long vLo = Math.Max(alo, 0);
                    long? smallest = IntervalArithmetic.FirstWithResidue(vLo, ahi, m, rLo, rHi);
                    if (smallest is not null)
                    {
                        lowest ??= smallest;
                        highest = IntervalArithmetic.LastWithResidue(vLo, ahi, m, rLo, rHi);
                    }
                }
            }

            if (lowest is null || highest is null)
            {
                return false;
            }

            return Restrict(tree, a, lowest.Value, highest.Value);
        }

        /// <summary>Keeps |x| &gt; bound for the node when its sign is known.</summary>
        private static bool RestrictMagnitudeAbove(CompiledTree tree, int node, long bound)
        {
            long next = IntMath.SaturatingAdd(bound, 1);
            if (tree.Lo[node] >= 0)
            {
                return Restrict(tree, node, next, long.MaxValue);
            }

            if (tree.Hi[node] <= 0)
            {
                return Restrict(tree, node, long.MinValue, IntMath.SaturatingNegate(next));
            }

            return true;
        }

        private static bool ExcludeZero(CompiledTree tree, int node)
        {
            if (tree.Lo[node] == 0)
            {
                return Restrict(tree, node, 1, long.MaxValue);
            }

            if (tree.Hi[node] == 0)
            {
                return Restrict(tree, node, long.MinValue, -1);
            }

            return true;
        }

        /// <summary>Moves a divisor variable's bounds onto divisors of <paramref name="multiple"/> (|multiple| &gt; 0).</summary>
        private bool RestrictToDivisors(CompiledTree tree, int node, int variable, long multiple)
        {
            if (!Restrict(tree, node, -multiple, multiple) || !Store.Narrow(variable, tree.Lo[node], tree.Hi[node]))
            {
                return false;
            }

            long lo = Store.Lo(variable);
            for (int step = 0; step < DivisorScanLimit && (lo == 0 || multiple % lo != 0); step++)
            {
                long next = Store.NextAbove(variable, lo);
                if (next > Store.Hi(variable))
                {
                    return false;
                }

                lo = next;
            }

            long hi = Store.Hi(variable);
            for (int step = 0; step < DivisorScanLimit && (hi == 0 || multiple % hi != 0); step++)
            {
                long next = Store.NextBelow(variable, hi);
                if (next < lo)
                {
                    return false;
                }

                hi = next;
            }

            if (!Store.Narrow(variable, lo, hi))
            {
                return false;
            }

            return Restrict(tree, node, Store.Lo(variable), Store.Hi(variable));
        }

        /// <summary>Intersects a node's interval with [lo, hi]; false when it becomes empty.</summary>
        private static bool Restrict(CompiledTree tree, int node, long lo, long hi)
        {
            long newLo = Math.Max(tree.Lo[node], lo);
            long newHi = Math.Min(tree.Hi[node], hi);
            if (newLo > newHi)
            {
                return false;
            }

            tree.Lo[node] = newLo;
            tree.Hi[node] = newHi;
            return true;
        }
    }
}
