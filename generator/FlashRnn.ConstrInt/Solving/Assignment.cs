using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlashRnn.ConstrInt.Solving;

namespace FlashRnn.ConstrInt
{
    /// <summary>A value for every variable of a problem. Immutable.</summary>
    public sealed class Assignment
    {
        private readonly long[] _values;

        internal Assignment(Problem problem, long[] values)
        {
            Problem = problem;
            _values = (long[])values.Clone();
        }

        /// <summary>The problem the values belong to.</summary>
        public Problem Problem { get; }

        /// <summary>The values in variable declaration order.</summary>
        public IReadOnlyList<long> Values => _values;

        /// <summary>The value of <paramref name="variable"/>.</summary>
        /// <exception cref="ArgumentException">The variable belongs to another problem.</exception>
        public long this[IntVar variable]
        {
            get
            {
                if (variable is null)
                {
                    throw new ArgumentNullException(nameof(variable));
                }

                if (!ReferenceEquals(variable.Owner, Problem))
                {
                    throw new ArgumentException($"Variable '{variable.Name}' belongs to another problem.", nameof(variable));
                }

                return _values[variable.Index];
            }
        }

        /// <summary>The value of the variable called <paramref name="name"/>.</summary>
        /// <exception cref="KeyNotFoundException">No variable has that name.</exception>
        public long this[string name]
        {
            get
            {
                IntVar variable = Problem.FindVariable(name)
                    ?? throw new KeyNotFoundException($"The problem has no variable named '{name}'.");
                return _values[variable.Index];
            }
        }

        /// <summary>The value of <paramref name="expression"/> under this assignment; null when undefined (zero divisor, overflow).</summary>
        public long? Evaluate(IntExpr expression) =>
            ExactEvaluator.Evaluate(expression ?? throw new ArgumentNullException(nameof(expression)), v => this[v]);

        /// <summary>Whether <paramref name="relation"/> holds under this assignment.</summary>
        public bool Satisfies(Relation relation) =>
            ExactEvaluator.Holds(relation ?? throw new ArgumentNullException(nameof(relation)), v => this[v]);

        /// <summary><c>name = value</c> pairs in declaration order, comma separated.</summary>
        public override string ToString() => string.Join(", ",
            Problem.Variables.Select(v => v.Name + " = " + _values[v.Index].ToString(CultureInfo.InvariantCulture)));
    }
}
