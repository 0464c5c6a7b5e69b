namespace FlashRnn.ConstrInt.Tests.Solver;

public sealed class ConflictTests
{
    [Fact]
    public void Names_the_resource_that_does_not_fit_and_how_much_it_needs()
    {
        var problem = new Problem();
        IntVar k = problem.AddVariable("K", IntDomain.PowersOfTwo(1, 16));
        IntVar cols = problem.AddVariable("COLS", IntDomain.Range(1, 4096));
        ConstantExpr dh = IntExpr.Constant("DH", 768);
        problem.AddConstraint("threads", k <= 16);
        problem.AddConstraint("columns per CTA", (k * cols).EqualTo(4 * dh));
        problem.AddConstraint("MMA tile", ((IntExpr)16).Divides(cols));
        problem.AddConstraint("shared memory per block", (2 * dh * cols) + 64 <= 232448);

        SolveResult result = ConstraintSolver.Solve(problem);

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Conflict conflict = Assert.IsType<Conflict>(result.Conflict);
        Assert.True(conflict.IsMinimal);
        Assert.Equal(["columns per CTA", "shared memory per block"], conflict.Items.Select(i => i.Constraint.Name));
        ConflictItem memory = conflict.Items[1];
        Assert.Equal(2 * 768 * 192 + 64, memory.ForcedBound);
        Assert.Contains("is at least 294976", memory.Detail);
        Assert.Contains("shared memory per block: 2 * DH * COLS + 64 <= 232448", conflict.Describe());
    }

    [Fact]
    public void Keeps_only_the_constraints_needed_for_the_conflict()
    {
        var problem = new Problem();
        IntVar x = problem.AddVariable("x", IntDomain.Range(0, 100));
        IntVar y = problem.AddVariable("y", IntDomain.Range(0, 100));
        problem.AddConstraint("a", x + y <= 50);
        problem.AddConstraint("b", x >= 10);
        problem.AddConstraint("c", y * 2 >= 90);
        problem.AddConstraint("d", (x % 7).NotEqualTo(3));
        problem.AddConstraint("e", x - y >= 10);

        SolveResult result = ConstraintSolver.Solve(problem);

        // y >= 45 and x >= y + 10 need x + y >= 100 > 50: a, c and e conflict; b and d are innocent.
        Assert.Equal(["a", "c", "e"], result.Conflict!.Items.Select(i => i.Constraint.Name));
        Assert.True(result.Conflict.IsMinimal);
    }

    [Fact]
    public void A_single_impossible_constraint_is_its_own_explanation()
    {
        var problem = new Problem();
        IntVar x = problem.AddVariable("x", IntDomain.Of(2, 4, 8));
        problem.AddConstraint("fine", x >= 2);
        problem.AddConstraint("odd", (x % 2).EqualTo(1));

        Conflict conflict = ConstraintSolver.Solve(problem).Conflict!;

        Assert.Equal("odd", Assert.Single(conflict.Items).Constraint.Name);
        Assert.StartsWith("This constraint cannot hold", conflict.Describe());
    }

    [Fact]
    public void Explanations_can_be_switched_off()
    {
        var problem = new Problem();
        IntVar x = problem.AddVariable("x", IntDomain.Range(0, 3));
        problem.AddConstraint("too big", x >= 4);

        SolveResult result = ConstraintSolver.Solve(problem, new SolverOptions { ExplainConflicts = false });

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Null(result.Conflict);
    }

    [Fact]
    public void Definitions_are_never_blamed_but_name_the_quantity()
    {
        var problem = new Problem();
        IntVar k = problem.AddVariable("K", IntDomain.PowersOfTwo(1, 8));
        IntVar bt = problem.AddVariable("BT", IntDomain.Of(8, 16));
        IntVar smem = problem.Define("SMEM", (768 / k * 768 * 2) + (bt * 768 * 4));
        problem.AddConstraint("shared memory per block", smem <= 99 * 1024);

        Conflict conflict = ConstraintSolver.Solve(problem).Conflict!;

        ConflictItem item = Assert.Single(conflict.Items);
        Assert.Equal("shared memory per block", item.Constraint.Name);
        Assert.Equal(96 * 768 * 2 + 8 * 768 * 4, item.ForcedBound);
        Assert.Contains("SMEM is at least 172032", item.Detail);
    }
}

