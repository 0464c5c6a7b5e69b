using System.Collections.Generic;
using System.Text;

namespace FlashRnn.ConstrInt
{
    /// <summary>
    /// Why a problem is infeasible: a set of constraints that cannot hold together. When <see cref="IsMinimal"/>,
    /// dropping any one of them makes the rest satisfiable (a minimal conflict set).
    /// </summary>
    public sealed class Conflict
    {
        internal Conflict(IReadOnlyList<ConflictItem> items, bool isMinimal)
        {
            Items = items;
            IsMinimal = isMinimal;
        }

        /// <summary>The conflicting constraints, in problem order.</summary>
        public IReadOnlyList<ConflictItem> Items { get; }

        /// <summary>True when every item is needed for the conflict; false when a sub-solve hit its node limit.</summary>
        public bool IsMinimal { get; }

        /// <summary>A multi-line, human-readable explanation.</summary>
        public string Describe()
        {
            var builder = new StringBuilder();
            builder.Append(Items.Count == 1
                ? "This constraint cannot hold within the variables' domains:"
                : "These constraints cannot all hold together:");
            foreach (ConflictItem item in Items)
            {
                builder.Append("\n  - ").Append(item.Constraint.Name).Append(": ").Append(item.Constraint.Relation);
                if (item.Detail is not null)
                {
                    builder.Append("\n      ").Append(item.Detail);
                }
            }

            if (!IsMinimal)
            {
                builder.Append("\n  (search limits were hit while minimising this set; it may hold more constraints than needed)");
            }

            return builder.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => Describe();
    }

    /// <summary>One constraint of a <see cref="Conflict"/>, with how far the others force it from holding.</summary>
    public sealed class ConflictItem
    {
        internal ConflictItem(Constraint constraint, long? forcedBound, string? detail)
        {
            Constraint = constraint;
            ForcedBound = forcedBound;
            Detail = detail;
        }

        /// <summary>The constraint.</summary>
        public Constraint Constraint { get; }

        /// <summary>
        /// For an inequality with one constant side: the best value the other, non-constant side can reach under the
        /// remaining constraints of the conflict (its minimum for <c>&lt;=</c>/<c>&lt;</c> against a constant limit,
        /// its maximum for <c>&gt;=</c>/<c>&gt;</c>); null otherwise. Example: the smallest shared memory any tiling needs.
        /// </summary>
        public long? ForcedBound { get; }

        /// <summary>A sentence explaining <see cref="ForcedBound"/>, or null.</summary>
        public string? Detail { get; }
    }
}
