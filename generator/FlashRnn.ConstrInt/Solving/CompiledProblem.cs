using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>A problem's constraints compiled once, searchable with any subset of them and any objective.</summary>
    internal sealed class CompiledProblem
    {
        private readonly CompiledTree[] _constraintTrees;

        public CompiledProblem(Problem problem)
        {
            Problem = problem;
            _constraintTrees = problem.Constraints.Select(c => ModelCompiler.CompileRelation(c.Relation, c.Index)).ToArray();
        }

        public Problem Problem { get; }

        /// <summary>Runs branch and bound over the active constraints (all when <paramref name="active"/> is null).</summary>
        public SearchOutcome Search(bool[]? active, IntExpr? objective, ObjectiveSense sense, long nodeLimit, TimeSpan? timeLimit, Stopwatch clock)
        {
            CompiledTree[] trees = objective is null
                ? _constraintTrees
                : _constraintTrees.Concat(new[] { ModelCompiler.CompileObjective(objective) }).ToArray();
            var propagator = new Propagator(Problem.Variables, trees);
            bool[] needed = NeededDefinitions(active, objective);
            for (int i = 0; i < _constraintTrees.Length; i++)
            {
                Constraint constraint = Problem.Constraints[i];
                bool on = constraint.IsDefinition ? needed[((IntVar)constraint.Relation.Left).Index] : active is null || active[i];
                propagator.SetActive(i, on);
            }

            var search = new BranchAndBound(Problem, propagator, objective, sense, nodeLimit, timeLimit, clock);
            return search.Run();
        }

        /// <summary>
        /// Defined variables that the active constraints or the objective read, directly or through other
        /// definitions. The rest need no propagation: a leaf evaluates them from the decision variables.
        /// </summary>
        private bool[] NeededDefinitions(bool[]? active, IntExpr? objective)
        {
            var needed = new bool[Problem.Variables.Count];
            var pending = new Stack<IntVar>();
            void Read(IntExpr expression)
            {
                foreach (IntVar variable in expression.Variables())
                {
                    if (variable.IsDefined && !needed[variable.Index])
                    {
                        needed[variable.Index] = true;
                        pending.Push(variable);
                    }
                }
            }

            for (int i = 0; i < Problem.Constraints.Count; i++)
            {
                Constraint constraint = Problem.Constraints[i];
                if (!constraint.IsDefinition && (active is null || active[i]))
                {
                    Read(constraint.Relation.Left);
                    Read(constraint.Relation.Right);
                }
            }

            if (objective is not null)
            {
                Read(objective);
            }

            while (pending.Count > 0)
            {
                Read(pending.Pop().Definition!);
            }

            return needed;
        }
    }
}
