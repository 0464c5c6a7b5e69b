using FlashRnn.Gen.Language.Ir;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Tests;

/// <summary>Hash-consing and the simplifications the factory applies while building.</summary>
public class NodeFactoryTests
{
    private readonly NodeFactory _f = new();

    private Node X => _f.GateInput(0);

    private Node Y => _f.OldState(1);

    private Node C(double value) => _f.Constant(value);

    [Fact]
    public void Structurally_equal_nodes_are_the_same_object()
    {
        Node first = _f.Function(ProgramOp.Tanh, _f.Add(X, _f.Multiply(Y, C(3))));
        Node second = _f.Function(ProgramOp.Tanh, _f.Add(X, _f.Multiply(Y, C(3))));
        Assert.Same(first, second);
    }

    [Fact]
    public void Commutative_operands_are_ordered()
    {
        Assert.Same(_f.Add(X, Y), _f.Add(Y, X));
        Assert.Same(_f.Multiply(X, Y), _f.Multiply(Y, X));
        Assert.NotSame(_f.Subtract(X, Y), _f.Subtract(Y, X));
        Assert.NotSame(_f.Extremum(ProgramOp.Max, X, Y), _f.Extremum(ProgramOp.Max, Y, X)); // ties pick the first
    }

    [Fact]
    public void Identities_of_addition_and_subtraction()
    {
        Assert.Same(X, _f.Add(X, C(0)));
        Assert.Same(X, _f.Add(C(0), X));
        Assert.Same(X, _f.Subtract(X, C(0)));
        Assert.Same(_f.Negate(X), _f.Subtract(C(0), X));
        Assert.True(_f.Subtract(X, X).Is(0));
        Assert.Same(_f.Subtract(X, Y), _f.Add(X, _f.Negate(Y)));
        Assert.Same(_f.Add(X, Y), _f.Subtract(X, _f.Negate(Y)));
        Assert.Same(_f.Subtract(X, C(2)), _f.Add(X, C(-2)));
        Assert.Same(_f.Multiply(C(2), X), _f.Add(X, X));
    }

    [Fact]
    public void Identities_of_multiplication_and_division()
    {
        Assert.Same(X, _f.Multiply(X, C(1)));
        Assert.True(_f.Multiply(X, C(0)).Is(0));
        Assert.Same(_f.Negate(X), _f.Multiply(C(-1), X));
        Assert.Same(_f.Multiply(X, Y), _f.Multiply(_f.Negate(X), _f.Negate(Y)));
        Assert.Same(_f.Negate(_f.Multiply(X, Y)), _f.Multiply(_f.Negate(X), Y));
        Assert.Same(_f.Multiply(X, C(-3)), _f.Multiply(_f.Negate(X), C(3)));
        Assert.Same(X, _f.Divide(X, C(1)));
        Assert.Same(_f.Negate(X), _f.Divide(X, C(-1)));
        Assert.True(_f.Divide(C(0), X).Is(0));
        Assert.True(_f.Divide(X, X).Is(1));
        Assert.Same(_f.Negate(_f.Divide(X, Y)), _f.Divide(_f.Negate(X), Y));
    }

    [Fact]
    public void Negations_cancel_and_flip_differences()
    {
        Assert.Same(X, _f.Negate(_f.Negate(X)));
        Assert.Same(_f.Subtract(Y, X), _f.Negate(_f.Subtract(X, Y)));
        Assert.True(_f.Negate(C(2)).Is(-2));
    }

    [Fact]
    public void Constants_fold_with_the_cell_math_formulas()
    {
        Assert.True(_f.Add(C(1), C(2)).Is(3));
        Assert.True(_f.Divide(C(1), C(4)).Is(0.25));
        Assert.True(_f.Function(ProgramOp.Sigmoid, C(0)).Is(0.5));
        Assert.True(_f.Function(ProgramOp.Relu, C(-2)).Is(0));
        Assert.True(_f.Extremum(ProgramOp.Min, C(2), C(-1)).Is(-1));
        Assert.Equal(Math.Log(1 + Math.Exp(-3)), _f.Function(ProgramOp.Softplus, C(-3)).Value, 15);
    }

    [Fact]
    public void Non_finite_results_are_not_folded()
    {
        Assert.Equal(ProgramOp.Log, _f.Function(ProgramOp.Log, C(0)).Op);
        Assert.Equal(ProgramOp.Exp, _f.Function(ProgramOp.Exp, C(1000)).Op);
        Assert.Equal(ProgramOp.Sqrt, _f.Function(ProgramOp.Sqrt, C(-1)).Op);
        Assert.Equal(ProgramOp.Divide, _f.Divide(C(1), C(0)).Op);
    }

    [Fact]
    public void Functions_of_functions_simplify()
    {
        Node absX = _f.Function(ProgramOp.Abs, X);
        Assert.Same(absX, _f.Function(ProgramOp.Abs, _f.Negate(X)));
        Assert.Same(absX, _f.Function(ProgramOp.Abs, absX));
        Node reluX = _f.Function(ProgramOp.Relu, X);
        Assert.Same(reluX, _f.Function(ProgramOp.Relu, reluX));
        Assert.Same(X, _f.Extremum(ProgramOp.Max, X, X));
    }

    [Fact]
    public void Selects_with_equal_branches_or_decided_conditions_fold()
    {
        Node condition = _f.Compare(ProgramOp.Greater, X, Y);
        Assert.Same(Y, _f.Select(condition, Y, Y));
        Assert.Same(X, _f.Select(_f.Compare(ProgramOp.Less, C(1), C(2)), X, Y));
        Assert.Same(Y, _f.Select(_f.Compare(ProgramOp.NotEqual, C(1), C(1)), X, Y));
        Assert.Same(X, _f.Select(_f.Compare(ProgramOp.GreaterOrEqual, Y, Y), X, Y));
        Assert.Same(Y, _f.Select(_f.Compare(ProgramOp.Less, Y, Y), X, Y));
        Assert.Equal(ProgramOp.Select, _f.Select(_f.FirstStep(), X, Y).Op);
    }

    [Fact]
    public void Ids_increase_so_operands_come_first()
    {
        Node sum = _f.Add(_f.Function(ProgramOp.Exp, X), Y);
        foreach (Node operand in sum.Operands) Assert.True(operand.Id < sum.Id);
    }

    [Fact]
    public void Nodes_remember_the_origin_they_were_created_under()
    {
        _f.Origin = StatementOrigin.ForEquation(3);
        Node created = _f.Function(ProgramOp.Tanh, X);
        _f.Origin = StatementOrigin.ForEquation(5);
        Assert.Equal(StatementOrigin.ForEquation(3), _f.Function(ProgramOp.Tanh, X).Origin);
        Assert.Same(created, _f.Function(ProgramOp.Tanh, X));
    }
}
