using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FlashRnn.ConstrInt
{
    /// <summary>Writes a <see cref="Problem"/> in the ConstrINT text format, so it can be inspected or solved by the CLI.</summary>
    public static class ProblemWriter
    {
        /// <summary>The problem as text: named constants, variables and definitions, constraints (one a line, labelled), the objective.</summary>
        public static string Write(Problem problem)
        {
            if (problem is null)
            {
                throw new System.ArgumentNullException(nameof(problem));
            }

            var builder = new StringBuilder();
            var constants = new List<ConstantExpr>();
            foreach (Constraint constraint in problem.Constraints)
            {
                AddNew(constants, constraint.Relation.Left.NamedConstants());
                AddNew(constants, constraint.Relation.Right.NamedConstants());
            }

            if (problem.Objective is not null)
            {
                AddNew(constants, problem.Objective.Expression.NamedConstants());
            }

            foreach (ConstantExpr constant in constants)
            {
                builder.Append("const ").Append(constant.Name).Append(" = ")
                    .Append(constant.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (IntVar variable in problem.Variables)
            {
                if (variable.IsDefined)
                {
                    builder.Append("let ").Append(variable.Name).Append(" = ").Append(variable.Definition).Append('\n');
                    continue;
                }

                builder.Append("var ").Append(variable.Name).Append(" in ").Append(variable.Domain);
                if (variable.Preference == ValuePreference.High)
                {
                    builder.Append(" prefer high");
                }

                builder.Append('\n');
            }

            foreach (Constraint constraint in problem.Constraints)
            {
                if (constraint.IsDefinition)
                {
                    continue; // written as its variable's "let" line
                }

                builder.Append(Label(constraint.Name)).Append(": ").Append(constraint.Relation).Append('\n');
            }

            if (problem.Objective is not null)
            {
                builder.Append(problem.Objective).Append('\n');
            }

            return builder.ToString();
        }

        private static void AddNew(List<ConstantExpr> constants, IReadOnlyList<ConstantExpr> found)
        {
            foreach (ConstantExpr constant in found)
            {
                if (!constants.Exists(c => c.Name == constant.Name))
                {
                    constants.Add(constant);
                }
            }
        }

        /// <summary>A constraint label as written in the text format: bare when it is an identifier, quoted otherwise.</summary>
        public static string Label(string name) =>
            Identifiers.IsIdentifier(name) && !Identifiers.IsKeyword(name) ? name : "\"" + name + "\"";
    }
}
