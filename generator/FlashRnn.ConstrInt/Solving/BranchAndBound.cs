using System;
using System.Collections.Generic;
using System.Diagnostics;
using FlashRnn.ConstrInt.Arithmetic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>
    /// Depth-first search with propagation at every node and branch and bound on the objective.
    /// Variables are branched in declaration order and values in each variable's preferred order, so leaves are
    /// met in lexicographic order; because a new incumbent must be strictly better, the final one is the
    /// lexicographically first optimal solution (the documented tie-break).
    /// </summary>
    internal sealed class BranchAndBound
    {
        /// <summary>Domains at most this large are enumerated value by value; larger ones are split in halves.</summary>
        private const long EnumerationThreshold = 8;

        private const int ClockCheckInterval = 256;

        private readonly Problem _problem;
        private readonly IntExpr? _objective;
        private readonly Propagator _propagator;
        private readonly int _objectiveTree;
        private readonly ObjectiveSense _sense;
        private readonly long _nodeLimit;
        private readonly TimeSpan? _timeLimit;
        private readonly Stopwatch _clock;

        private long _nodes;
        private long[]? _best;
        private long? _bestObjective;
        private string? _limitReason;

        /// <param name="problem">The problem (its constraints check leaves exactly).</param>
        /// <param name="propagator">Propagator over the problem's constraints plus, last, the objective's tree when optimising.</param>
        /// <param name="objective">The expression to optimise (its tree is the propagator's last), or null to find any solution.</param>
        /// <param name="sense">The direction of optimisation.</param>
        /// <param name="nodeLimit">Maximum search nodes.</param>
        /// <param name="timeLimit">Maximum wall-clock time, or null.</param>
        /// <param name="clock">A running stopwatch measuring the whole solve.</param>
        public BranchAndBound(Problem problem, Propagator propagator, IntExpr? objective, ObjectiveSense sense, long nodeLimit, TimeSpan? timeLimit, Stopwatch clock)
        {
            _problem = problem;
            _objective = objective;
            _propagator = propagator;
            _objectiveTree = objective is null ? -1 : propagator.Trees.Length - 1;
            _sense = sense;
            _nodeLimit = nodeLimit;
            _timeLimit = timeLimit;
            _clock = clock;
        }

        public SearchOutcome Run()
        {
            _propagator.EnqueueAll();
            bool exhausted = Explore();
            bool complete = exhausted || (_objectiveTree < 0 && _best is not null && _limitReason is null);
            return new SearchOutcome(_best, _bestObjective, complete, _nodes, _limitReason);
        }

        /// <summary>Explores the subtree under the current domains; false when the search must stop now.</summary>
        private bool Explore()
        {
            if (!CountNode())
            {
                return false;
            }

            if (_objectiveTree >= 0)
            {
                _propagator.Enqueue(_objectiveTree);
            }

            if (!_propagator.Propagate())
            {
                return true;
            }

            DomainStore store = _propagator.Store;
            int variable = FirstUnfixed(store);
            if (variable < 0)
            {
                return AcceptLeaf(store);
            }

            IntVar declared = _problem.Variables[variable];
            bool high = declared.Preference == ValuePreference.High;
            long lo = store.Lo(variable);
            long hi = store.Hi(variable);
            long size = store.Size(variable);

            if (size <= EnumerationThreshold)
            {
                // Try the preferred end value, then the rest of the domain.
                long first = high ? hi : lo;
                if (!Branch(variable, first, first))
                {
                    return false;
                }

                return high ? Branch(variable, lo, store.NextBelow(variable, hi)) : Branch(variable, store.NextAbove(variable, lo), hi);
            }

            long split = SplitPoint(store, variable, lo, hi, size);
            long upperStart = store.NextAbove(variable, split);
            if (high)
            {
                return Branch(variable, upperStart, hi) && Branch(variable, lo, split);
            }

            return Branch(variable, lo, split) && Branch(variable, upperStart, hi);
        }

        private bool Branch(int variable, long lo, long hi)
        {
            DomainStore store = _propagator.Store;
            (int, int) mark = _propagator.Mark();
            bool keepGoing = true;
            // A failed narrowing changes nothing, so an empty branch is simply skipped.
            if (store.Narrow(variable, lo, hi))
            {
                keepGoing = Explore();
            }

            _propagator.UndoTo(mark);
            return keepGoing;
        }

        private static long SplitPoint(DomainStore store, int variable, long lo, long hi, long size)
        {
            if (store.SetValues(variable) is null)
            {
                // Midpoint without overflow; the lower half is [lo, split].
                return lo + ((hi - lo) / 2);
            }

            return store.MemberAtOffset(variable, (size - 1) / 2);
        }

        /// <summary>The first unfixed decision variable in declaration order (defined variables follow from them).</summary>
        private int FirstUnfixed(DomainStore store)
        {
            for (int v = 0; v < store.Count; v++)
            {
                if (!store.IsFixed(v) && !_problem.Variables[v].IsDefined)
                {
                    return v;
                }
            }

            return -1;
        }

        /// <summary>Checks a complete assignment exactly and records it; false when the search should stop.</summary>
        private bool AcceptLeaf(DomainStore store)
        {
            var values = new long[store.Count];
            Func<IntVar, long> valueOf = variable => values[variable.Index];
            for (int v = 0; v < values.Length; v++)
            {
                IntVar variable = _problem.Variables[v];
                if (store.IsFixed(v) || !variable.IsDefined)
                {
                    values[v] = store.Lo(v);
                    continue;
                }

                // Propagation stopped early: a definition reads only earlier variables, so evaluate it in order.
                long? value = ExactEvaluator.Evaluate(variable.Definition!, valueOf);
                if (value is null || value < store.Lo(v) || value > store.Hi(v))
                {
                    return true;
                }

                values[v] = value.Value;
            }

            foreach (Constraint constraint in _problem.Constraints)
            {
                if (_propagator.IsActive(constraint.Index) && !ExactEvaluator.Holds(constraint.Relation, valueOf))
                {
                    return true;
                }
            }

            if (_objectiveTree < 0)
            {
                _best = values;
                return false;
            }

            long? objective = ExactEvaluator.Evaluate(_objective!, valueOf);
            if (objective is null || (_bestObjective is long incumbent && !Improves(objective.Value, incumbent)))
            {
                return true;
            }

            _best = values;
            _bestObjective = objective;
            CompiledTree bound = _propagator.Trees[_objectiveTree];
            if (_sense == ObjectiveSense.Minimize)
            {
                bound.TargetHi = IntMath.SaturatingSubtract(objective.Value, 1);
            }
            else
            {
                bound.TargetLo = IntMath.SaturatingAdd(objective.Value, 1);
            }

            return true;
        }

        private bool Improves(long candidate, long incumbent) =>
            _sense == ObjectiveSense.Minimize ? candidate < incumbent : candidate > incumbent;

        private bool CountNode()
        {
            _nodes++;
            if (_nodes > _nodeLimit)
            {
                _limitReason = $"node limit of {_nodeLimit} reached";
                return false;
            }

            if (_timeLimit is TimeSpan limit && _nodes % ClockCheckInterval == 0 && _clock.Elapsed > limit)
            {
                _limitReason = $"time limit of {limit.TotalMilliseconds:0} ms reached";
                return false;
            }

            return true;
        }
    }
}
