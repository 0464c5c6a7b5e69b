using System;

namespace FlashRnn.ConstrInt
{
    /// <summary>Which end of its domain the search tries first for a variable; it also decides ties (see <see cref="Problem"/>).</summary>
    public enum ValuePreference
    {
        /// <summary>Smaller values first (the default).</summary>
        Low,

        /// <summary>Larger values first.</summary>
        High,
    }

    /// <summary>
    /// A variable of a <see cref="Problem"/>: a decision variable (<see cref="Problem.AddVariable"/>) or a defined
    /// one (<see cref="Problem.Define"/>), whose value an expression of earlier variables determines.
    /// </summary>
    public sealed class IntVar : IntExpr
    {
        internal IntVar(Problem owner, int index, string name, IntDomain domain, ValuePreference preference, IntExpr? definition)
        {
            Owner = owner;
            Index = index;
            Name = name;
            Domain = domain;
            Preference = preference;
            Definition = definition;
        }

        /// <inheritdoc />
        public override ExprKind Kind => ExprKind.Variable;

        /// <summary>The variable's name, unique within its problem.</summary>
        public string Name { get; }

        /// <summary>The values the variable may take.</summary>
        public IntDomain Domain { get; }

        /// <summary>Which values the search tries first, and which solution wins a tie.</summary>
        public ValuePreference Preference { get; }

        /// <summary>The variable's position in declaration order (0-based).</summary>
        public int Index { get; }

        /// <summary>For a defined variable, the expression it equals; null for a decision variable.</summary>
        public IntExpr? Definition { get; }

        /// <summary>True for a defined variable: the search never branches on it and ties never depend on it.</summary>
        public bool IsDefined => Definition is not null;

        internal Problem Owner { get; }
    }
}
