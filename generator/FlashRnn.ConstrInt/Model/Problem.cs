using System;
using System.Collections.Generic;
using System.Linq;

namespace FlashRnn.ConstrInt
{
    /// <summary>
    /// An integer constraint problem: variables with finite domains, named constraints and an optional objective.
    /// Build it, then call <see cref="ConstraintSolver.Solve"/>.
    /// </summary>
    /// <remarks>
    /// Tie-break (deterministic): among all optimal solutions the solver returns the first one in lexicographic
    /// order over the variables in declaration order, each variable ordering its values by its
    /// <see cref="ValuePreference"/> (ascending for <see cref="ValuePreference.Low"/>). Without an objective the
    /// first solution in that order is returned.
    /// </remarks>
    public sealed class Problem
    {
        private readonly List<IntVar> _variables = new List<IntVar>();
        private readonly List<Constraint> _constraints = new List<Constraint>();
        private readonly Dictionary<string, IntVar> _variablesByName = new Dictionary<string, IntVar>(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _constantsByName = new Dictionary<string, long>(StringComparer.Ordinal);

        /// <summary>The variables in declaration order.</summary>
        public IReadOnlyList<IntVar> Variables => _variables;

        /// <summary>The constraints in the order they were added, including the definitions of defined variables.</summary>
        public IReadOnlyList<Constraint> Constraints => _constraints;

        /// <summary>The objective, or null for a pure satisfaction problem.</summary>
        public Objective? Objective { get; private set; }

        /// <summary>Declares a variable.</summary>
        /// <param name="name">An identifier (letters, digits, <c>_</c>; not starting with a digit), unique in the problem.</param>
        /// <param name="domain">The values the variable may take.</param>
        /// <param name="preference">Which end of the domain the search tries first; it also decides ties.</param>
        /// <exception cref="ArgumentException">The name is not an identifier, is a keyword of the text format, or is taken.</exception>
        public IntVar AddVariable(string name, IntDomain domain, ValuePreference preference = ValuePreference.Low)
        {
            CheckName(name);
            if (preference != ValuePreference.Low && preference != ValuePreference.High)
            {
                throw new ArgumentOutOfRangeException(nameof(preference), preference, "Expected Low or High.");
            }

            return Declare(name, domain ?? throw new ArgumentNullException(nameof(domain)), preference, null);
        }

        /// <summary>
        /// Declares a defined variable equal to <paramref name="definition"/> (an expression of earlier variables).
        /// Use it for subexpressions several constraints share: the solver keeps its bounds once instead of
        /// re-deriving them in every constraint, and conflict explanations and the text format name it. Its domain
        /// is the interval the definition can reach over the current domains; assignments under which the
        /// definition is undefined (zero divisor, overflow) are invalid.
        /// </summary>
        /// <exception cref="ArgumentException">The name is not a free identifier, the expression reads another problem's variables, or it is undefined everywhere.</exception>
        public IntVar Define(string name, IntExpr definition)
        {
            if (definition is null)
            {
                throw new ArgumentNullException(nameof(definition));
            }

            CheckName(name);
            CheckOwnership(definition, nameof(definition));
            if (!Solving.DefinitionBounds.TryCompute(definition, out long lo, out long hi))
            {
                throw new ArgumentException($"The definition of '{name}' ({definition}) is undefined for every assignment (a zero divisor or a value beyond ±2^62).", nameof(definition));
            }

            RegisterNamedConstants(definition, nameof(definition));
            IntVar variable = Declare(name, IntDomain.Range(lo, hi), ValuePreference.Low, definition);
            _constraints.Add(new Constraint(_constraints.Count, name + " definition", variable.EqualTo(definition), isDefinition: true));
            return variable;
        }

        private IntVar Declare(string name, IntDomain domain, ValuePreference preference, IntExpr? definition)
        {
            var variable = new IntVar(this, _variables.Count, name, domain, preference, definition);
            _variables.Add(variable);
            _variablesByName.Add(name, variable);
            return variable;
        }

        /// <summary>Adds a named constraint.</summary>
        /// <param name="name">A label reported by conflict explanations (any text without line breaks or double quotes).</param>
        /// <param name="relation">What must hold.</param>
        /// <exception cref="ArgumentException">The name is empty or has a line break or quote, or the relation reads a variable of another problem.</exception>
        public Constraint AddConstraint(string name, Relation relation)
        {
            if (relation is null)
            {
                throw new ArgumentNullException(nameof(relation));
            }

            CheckLabel(name);
            CheckOwnership(relation.Left, nameof(relation));
            CheckOwnership(relation.Right, nameof(relation));
            RegisterNamedConstants(relation.Left, nameof(relation));
            RegisterNamedConstants(relation.Right, nameof(relation));
            var constraint = new Constraint(_constraints.Count, name, relation, isDefinition: false);
            _constraints.Add(constraint);
            return constraint;
        }

        /// <summary>Sets the objective to minimising <paramref name="expression"/> (replacing any earlier objective).</summary>
        public void Minimize(IntExpr expression) => SetObjective(ObjectiveSense.Minimize, expression);

        /// <summary>Sets the objective to maximising <paramref name="expression"/> (replacing any earlier objective).</summary>
        public void Maximize(IntExpr expression) => SetObjective(ObjectiveSense.Maximize, expression);

        /// <summary>Removes the objective, making the problem a satisfaction problem.</summary>
        public void ClearObjective() => Objective = null;

        /// <summary>The variable called <paramref name="name"/>, or null.</summary>
        public IntVar? FindVariable(string name) =>
            name is not null && _variablesByName.TryGetValue(name, out IntVar? variable) ? variable : null;

        /// <summary>The problem in the ConstrINT text format (parsable by <see cref="ProblemParser"/>).</summary>
        public override string ToString() => ProblemWriter.Write(this);

        private void SetObjective(ObjectiveSense sense, IntExpr expression)
        {
            if (expression is null)
            {
                throw new ArgumentNullException(nameof(expression));
            }

            CheckOwnership(expression, nameof(expression));
            RegisterNamedConstants(expression, nameof(expression));
            Objective = new Objective(sense, expression);
        }

        private void CheckOwnership(IntExpr expression, string parameter)
        {
            IntVar? foreign = expression.Variables().FirstOrDefault(v => !ReferenceEquals(v.Owner, this));
            if (foreign is not null)
            {
                throw new ArgumentException($"Variable '{foreign.Name}' belongs to another problem.", parameter);
            }
        }

        /// <summary>Named constants print as names, so one name must mean one value and must not shadow a variable.</summary>
        private void RegisterNamedConstants(IntExpr expression, string parameter)
        {
            foreach (ConstantExpr constant in expression.NamedConstants())
            {
                string name = constant.Name!;
                if (_variablesByName.ContainsKey(name))
                {
                    throw new ArgumentException($"Constant '{name}' has the name of a variable of this problem.", parameter);
                }

                if (_constantsByName.TryGetValue(name, out long value) && value != constant.Value)
                {
                    throw new ArgumentException($"Constant '{name}' is {constant.Value} here but {value} elsewhere in this problem.", parameter);
                }

                _constantsByName[name] = constant.Value;
            }
        }

        private void CheckName(string name)
        {
            if (!Identifiers.IsIdentifier(name))
            {
                throw new ArgumentException($"Variable name '{name}' is not an identifier: use letters, digits and '_', not starting with a digit.", nameof(name));
            }

            if (Identifiers.IsKeyword(name))
            {
                throw new ArgumentException($"Variable name '{name}' is a keyword of the ConstrINT text format; choose another name.", nameof(name));
            }

            if (_variablesByName.ContainsKey(name) || _constantsByName.ContainsKey(name))
            {
                throw new ArgumentException($"The name '{name}' is already used in this problem.", nameof(name));
            }
        }

        private static void CheckLabel(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A constraint needs a non-empty name (it is what conflict explanations report).", nameof(name));
            }

            if (name.IndexOfAny(new[] { '\n', '\r', '"' }) >= 0)
            {
                throw new ArgumentException($"Constraint name '{name}' must not contain line breaks or double quotes.", nameof(name));
            }
        }
    }
}
