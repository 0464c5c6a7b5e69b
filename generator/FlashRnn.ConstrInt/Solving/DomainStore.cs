using System;
using System.Collections.Generic;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>
    /// The current bounds of every variable during search, with a trail to undo changes on backtracking.
    /// Explicit-set domains keep their bounds on member values, so bounds reasoning respects the holes of a set.
    /// </summary>
    internal sealed class DomainStore
    {
        private readonly long[] _lo;
        private readonly long[] _hi;
        private readonly long[]?[] _sets;
        private readonly Stack<TrailEntry> _trail = new Stack<TrailEntry>();
        private readonly Action<int> _onChange;

        public DomainStore(IReadOnlyList<IntVar> variables, Action<int> onChange)
        {
            int count = variables.Count;
            _lo = new long[count];
            _hi = new long[count];
            _sets = new long[]?[count];
            for (int i = 0; i < count; i++)
            {
                _lo[i] = variables[i].Domain.Min;
                _hi[i] = variables[i].Domain.Max;
                _sets[i] = variables[i].Domain.ValuesArray;
            }

            _onChange = onChange;
        }

        public int Count => _lo.Length;

        public int TrailMark => _trail.Count;

        public long Lo(int variable) => _lo[variable];

        public long Hi(int variable) => _hi[variable];

        public bool IsFixed(int variable) => _lo[variable] == _hi[variable];

        public long[]? SetValues(int variable) => _sets[variable];

        /// <summary>Number of values left in the variable's domain.</summary>
        public long Size(int variable)
        {
            long[]? set = _sets[variable];
            if (set is null)
            {
                return _hi[variable] - _lo[variable] + 1;
            }

            return Array.BinarySearch(set, _hi[variable]) - Array.BinarySearch(set, _lo[variable]) + 1;
        }

        /// <summary>Intersects the variable's domain with [lo, hi]; false when nothing is left.</summary>
        public bool Narrow(int variable, long lo, long hi)
        {
            long currentLo = _lo[variable];
            long currentHi = _hi[variable];
            if (lo <= currentLo && hi >= currentHi)
            {
                return true;
            }

            long newLo = Math.Max(lo, currentLo);
            long newHi = Math.Min(hi, currentHi);
            if (newLo > newHi)
            {
                return false;
            }

            long[]? set = _sets[variable];
            if (set is not null)
            {
                newLo = FirstMemberAtLeast(set, newLo);
                newHi = LastMemberAtMost(set, newHi);
                if (newLo > newHi)
                {
                    return false;
                }
            }

            if (newLo == currentLo && newHi == currentHi)
            {
                return true;
            }

            _trail.Push(new TrailEntry(variable, currentLo, currentHi));
            _lo[variable] = newLo;
            _hi[variable] = newHi;
            _onChange(variable);
            return true;
        }

        /// <summary>Undoes every change made after <paramref name="mark"/> (a value of <see cref="TrailMark"/>).</summary>
        public void UndoTo(int mark)
        {
            while (_trail.Count > mark)
            {
                TrailEntry entry = _trail.Pop();
                _lo[entry.Variable] = entry.Lo;
                _hi[entry.Variable] = entry.Hi;
            }
        }

        /// <summary>The member value at the given rank within the current domain of a set variable.</summary>
        public long MemberAtOffset(int variable, long offset)
        {
            long[] set = _sets[variable]!;
            return set[Array.BinarySearch(set, _lo[variable]) + (int)offset];
        }

        /// <summary>The next member after <paramref name="value"/> (for sets) or value + 1 (for ranges).</summary>
        public long NextAbove(int variable, long value)
        {
            long[]? set = _sets[variable];
            return set is null ? value + 1 : FirstMemberAtLeast(set, value + 1);
        }

        /// <summary>The member before <paramref name="value"/> (for sets) or value - 1 (for ranges).</summary>
        public long NextBelow(int variable, long value)
        {
            long[]? set = _sets[variable];
            return set is null ? value - 1 : LastMemberAtMost(set, value - 1);
        }

        private static long FirstMemberAtLeast(long[] set, long value)
        {
            int index = Array.BinarySearch(set, value);
            if (index < 0)
            {
                index = ~index;
            }

            return index < set.Length ? set[index] : long.MaxValue;
        }

        private static long LastMemberAtMost(long[] set, long value)
        {
            int index = Array.BinarySearch(set, value);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return index >= 0 ? set[index] : long.MinValue;
        }

        private readonly struct TrailEntry
        {
            public TrailEntry(int variable, long lo, long hi)
            {
                Variable = variable;
                Lo = lo;
                Hi = hi;
            }

            public int Variable { get; }

            public long Lo { get; }

            public long Hi { get; }
        }
    }
}
