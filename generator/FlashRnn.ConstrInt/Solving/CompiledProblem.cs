using System;
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
            if (active is not null)
            {
                for (int i = 0; i < active.Length; i++)
                {
                    propagator.SetActive(i, active[i]);
                }
            }

            var search = new BranchAndBound(Problem, propagator, objective, sense, nodeLimit, timeLimit, clock);
            return search.Run();
        }
    }
}
