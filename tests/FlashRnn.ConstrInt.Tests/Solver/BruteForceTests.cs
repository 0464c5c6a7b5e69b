using FlashRnn.ConstrInt.Tests.Oracle;

namespace FlashRnn.ConstrInt.Tests.Solver;

/// <summary>
/// Exhaustive enumeration checks what Z3 cannot: that ConstrINT returns exactly the documented tie-break solution
/// (the first optimal assignment in declaration order, each variable in its preferred value order).
/// </summary>
public sealed class BruteForceTests
{
    [Fact]
    public void Returns_the_tie_break_first_optimal_solution()
    {
        var problems = new RandomProblems(seed: 777);
        int checkedCount = 0;
        int feasible = 0;
        while (checkedCount < 600)
        {
            Problem problem = problems.Next(withObjective: checkedCount % 4 != 0);
            if (BruteForce.DomainProduct(problem) > 20_000)
            {
                continue;
            }

            (long[] Values, long? Objective)? expected = BruteForce.Solve(problem);
            SolveResult actual = ConstraintSolver.Solve(problem, new SolverOptions { ExplainConflicts = false });
            string context = $"instance {checkedCount}:\n{problem}";
            if (expected is null)
            {
                Assert.True(actual.Status == SolveStatus.Infeasible, $"Expected infeasible, got {actual}\n{context}");
            }
            else
            {
                feasible++;
                Assert.True(actual.Status == SolveStatus.Optimal, $"Expected optimal, got {actual.Status}\n{context}");
                Assert.True(expected.Value.Values.SequenceEqual(actual.Solution!.Values),
                    $"Expected {string.Join(", ", expected.Value.Values)}, got {actual.Solution}\n{context}");
                Assert.Equal(expected.Value.Objective, actual.Objective);
            }

            checkedCount++;
        }

        Assert.True(feasible > 150, $"Only {feasible} feasible instances; the generator needs tuning.");
    }
}
