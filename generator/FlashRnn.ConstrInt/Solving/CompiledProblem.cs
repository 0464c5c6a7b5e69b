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

        /// <summary>For each defined variable the index of its definition constraint; -1 for decision variables.</summary>
        private readonly int[] _definitionOf;

        public CompiledProblem(Problem problem)
        {
            Problem = problem;
            _constraintTrees = problem.Constraints.Select(c => ModelCompiler.CompileRelation(c.Relation, c.Index)).ToArray();
            _definitionOf = new int[problem.Variables.Count];
            for (int v = 0; v < _definitionOf.Length; v++)
            {
                _definitionOf[v] = -1;
            }

            foreach (Constraint constraint in problem.Constraints)
            {
                if (constraint.IsDefinition)
                {
                    _definitionOf[((IntVar)constraint.Relation.Left).Index] = constraint.Index;
                }
            }
        }

        public Problem Problem { get; }

        /// <summary>Runs branch and bound over the active constraints (all when <paramref name="active"/> is null).</summary>
        public SearchOutcome Search(bool[]? active, IntExpr? objective, ObjectiveSense sense, long nodeLimit, TimeSpan? timeLimit, Stopwatch clock)
        {
            CompiledTree? objectiveTree = objective is null ? null : ModelCompiler.CompileObjective(objective);
            CompiledTree[] trees = objectiveTree is null
                ? _constraintTrees
                : _constraintTrees.Concat(new[] { objectiveTree }).ToArray();
            var propagator = new Propagator(Problem.Variables, trees);
            bool[] needed = NeededDefinitions(active, objectiveTree);
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
        private bool[] NeededDefinitions(bool[]? active, CompiledTree? objectiveTree)
        {
            var needed = new bool[Problem.Variables.Count];
            var pending = new Stack<int>();
            void Read(int[] variables)
            {
                foreach (int variable in variables)
                {
                    if (_definitionOf[variable] >= 0 && !needed[variable])
                    {
                        needed[variable] = true;
                        pending.Push(variable);
                    }
                }
            }

            for (int i = 0; i < _constraintTrees.Length; i++)
            {
                if (!Problem.Constraints[i].IsDefinition && (active is null || active[i]))
                {
                    Read(_constraintTrees[i].Variables);
                }
            }

            if (objectiveTree is not null)
            {
                Read(objectiveTree.Variables);
            }

            while (pending.Count > 0)
            {
                // A definition's tree reads the defined variable itself too; it is already marked.
                Read(_constraintTrees[_definitionOf[pending.Pop()]].Variables);
            }

            return needed;
        }
    }
}
