namespace FlashRnn.ConstrInt.Tests.Solver;

public sealed class SolverBehaviourTests
{
    [Fact]
    public void Optimises_a_product_over_large_ranges()
    {
        var problem = new Problem();
        IntVar rows = problem.AddVariable("rows", IntDomain.Range(1, 1_000_000));
        IntVar cols = problem.AddVariable("cols", IntDomain.Range(1, 1_000_000));
        problem.AddConstraint("area", (rows * cols).EqualTo(999_983L * 2));
        problem.AddConstraint("wide", rows <= cols);
        problem.Maximize(rows);

        SolveResult result = ConstraintSolver.Solve(problem);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(2, result.Solution![rows]);
        Assert.Equal(999_983, result.Solution[cols]);
    }

    [Fact]
    public void Divisibility_prunes_divisors_of_a_fixed_multiple()
    {
        var problem = new Problem();
        IntVar k = problem.AddVariable("K", IntDomain.Range(1, 1000));
        problem.AddConstraint("units", k.Divides(768));
        problem.AddConstraint("tiles", (768 * 4 / k % 16).EqualTo(0));
        problem.Maximize(k);

        SolveResult result = ConstraintSolver.Solve(problem);

        Assert.Equal(192, result.Solution![k]);
        Assert.True(result.Nodes < 200, $"Propagation should keep the search small; it took {result.Nodes} nodes.");
    }

    [Fact]
    public void Division_and_remainder_truncate_toward_zero()
    {
        var problem = new Problem();
        IntVar a = problem.AddVariable("a", IntDomain.Single(-7));
        IntVar b = problem.AddVariable("b", IntDomain.Single(2));
        problem.AddConstraint("quotient", (a / b).EqualTo(-3));
        problem.AddConstraint("remainder", (a % b).EqualTo(-1));

        Assert.Equal(SolveStatus.Optimal, ConstraintSolver.Solve(problem).Status);
    }

    [Fact]
    public void A_zero_divisor_makes_the_assignment_invalid()
    {
        var problem = new Problem();
        IntVar d = problem.AddVariable("d", IntDomain.Range(-1, 1));
        problem.AddConstraint("anything", (10 / d) >= -100);
        problem.Minimize(d * d);

        SolveResult result = ConstraintSolver.Solve(problem);

        Assert.Equal(1, result.Objective);
        Assert.Equal(-1, result.Solution![d]);
    }

    [Fact]
    public void Values_beyond_two_to_the_62_are_invalid_not_wrapped()
    {
        var problem = new Problem();
        IntVar x = problem.AddVariable("x", IntDomain.Of(3, 1L << 40));
        problem.AddConstraint("square stays small", x * x * x >= 0);
        problem.Maximize(x);

        SolveResult result = ConstraintSolver.Solve(problem);

        Assert.Equal(3, result.Solution![x]);
    }

    [Fact]
    public void Value_preference_decides_ties()
    {
        var problem = new Problem();
        IntVar low = problem.AddVariable("low_first", IntDomain.Range(0, 9));
        IntVar high = problem.AddVariable("high_first", IntDomain.Of(1, 2, 4, 8), ValuePreference.High);
        problem.AddConstraint("sum", (low + high) >= 5);

        SolveResult result = ConstraintSolver.Solve(problem);

        Assert.Equal(0, result.Solution![low]);
        Assert.Equal(8, result.Solution[high]);
    }

    [Fact]
    public void Node_limit_reports_feasible_or_limit_reached()
    {
        var problem = new Problem();
        IntVar[] xs = Enumerable.Range(0, 12).Select(i => problem.AddVariable("x" + i, IntDomain.Range(0, 9))).ToArray();
        problem.AddConstraint("sum", IntExpr.Sum(xs) >= 60);
        problem.Maximize(xs.Aggregate((IntExpr)0, (sum, x) => sum + (x * x)) - (xs[0] * xs[11]));

        SolveResult limited = ConstraintSolver.Solve(problem, new SolverOptions { NodeLimit = 50 });
        Assert.Equal(SolveStatus.Feasible, limited.Status);
        Assert.Contains("node limit", limited.LimitReason);

        var impossible = new Problem();
        IntVar[] ys = Enumerable.Range(0, 30).Select(i => impossible.AddVariable("y" + i, IntDomain.Range(0, 1))).ToArray();
        impossible.AddConstraint("odd parity", (IntExpr.Sum(ys) % 2).EqualTo(1));
        impossible.AddConstraint("contradiction", (IntExpr.Sum(ys) % 2).EqualTo(0));
        SolveResult stopped = ConstraintSolver.Solve(impossible, new SolverOptions { NodeLimit = 20, ExplainConflicts = false });
        Assert.Equal(SolveStatus.LimitReached, stopped.Status);
        Assert.False(stopped.HasSolution);
    }

    [Fact]
    public void Same_problem_same_result()
    {
        Problem Build()
        {
            var p = new Problem();
            IntVar a = p.AddVariable("a", IntDomain.Range(-50, 50));
            IntVar b = p.AddVariable("b", IntDomain.PowersOfTwo(1, 1024));
            IntVar c = p.AddVariable("c", IntDomain.Of(3, 5, 7, 11, 13));
            p.AddConstraint("mix", (a * b) + c <= 300);
            p.AddConstraint("parity", (a % c).NotEqualTo(0));
            p.Minimize(IntExpr.Max(a * c, b) - IntExpr.Min(a, c));
            return p;
        }

        SolveResult first = ConstraintSolver.Solve(Build());
        SolveResult second = ConstraintSolver.Solve(Build());

        Assert.Equal(first.Solution!.Values, second.Solution!.Values);
        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Objective, second.Objective);
    }

    [Fact]
    public void Model_validation_names_the_problem()
    {
        var problem = new Problem();
        problem.AddVariable("x", IntDomain.Range(0, 3));
        Assert.Contains("already used", Assert.Throws<ArgumentException>(() => problem.AddVariable("x", IntDomain.Range(0, 1))).Message);
        Assert.Contains("keyword", Assert.Throws<ArgumentException>(() => problem.AddVariable("min", IntDomain.Range(0, 1))).Message);
        Assert.Contains("identifier", Assert.Throws<ArgumentException>(() => problem.AddVariable("2x", IntDomain.Range(0, 1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => IntDomain.Range(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntDomain.Range(0, long.MaxValue));

        var other = new Problem();
        IntVar foreign = other.AddVariable("y", IntDomain.Range(0, 1));
        Assert.Contains("another problem", Assert.Throws<ArgumentException>(() => problem.AddConstraint("c", foreign >= 0)).Message);
    }
}
