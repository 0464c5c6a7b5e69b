using System;
using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>An expression as written: the parser's output, before names are resolved.</summary>
internal abstract class ExpressionSyntax
{
    protected ExpressionSyntax(TextSpan span, int height)
    {
        Span = span;
        Height = height;
    }

    /// <summary>The characters of the whole expression.</summary>
    public TextSpan Span { get; }

    /// <summary>Height of the tree (1 for a leaf); bounded by the parser so recursive walks cannot overflow the stack.</summary>
    public int Height { get; }

    protected static int HeightOf(params ExpressionSyntax[] children)
    {
        int max = 0;
        foreach (ExpressionSyntax child in children) max = Math.Max(max, child.Height);
        return max + 1;
    }
}

/// <summary>A numeric constant.</summary>
internal sealed class NumberSyntax : ExpressionSyntax
{
    public NumberSyntax(Token token) : base(token.Span, 1) => Token = token;

    public Token Token { get; }

    public double Value => Token.Value;
}

/// <summary>A plain name: a gate, a state, a temporary, <c>first</c>, or something unknown.</summary>
internal sealed class NameSyntax : ExpressionSyntax
{
    public NameSyntax(Token token) : base(token.Span, 1) => Token = token;

    public Token Token { get; }

    public string Name => Token.Text;
}

/// <summary><c>gate.part</c>, as in <c>n.input</c>.</summary>
internal sealed class MemberSyntax : ExpressionSyntax
{
    public MemberSyntax(Token target, Token member) : base(TextSpan.Covering(target.Span, member.Span), 1)
    {
        Target = target;
        Member = member;
    }

    public Token Target { get; }

    public Token Member { get; }
}

/// <summary>A function call <c>f(a, b)</c>.</summary>
internal sealed class CallSyntax : ExpressionSyntax
{
    public CallSyntax(Token name, IReadOnlyList<ExpressionSyntax> arguments, Token close)
        : base(TextSpan.Covering(name.Span, close.Span), HeightOfArguments(arguments))
    {
        Name = name;
        Arguments = arguments;
    }

    public Token Name { get; }

    public IReadOnlyList<ExpressionSyntax> Arguments { get; }

    private static int HeightOfArguments(IReadOnlyList<ExpressionSyntax> arguments)
    {
        int max = 0;
        foreach (ExpressionSyntax argument in arguments) max = Math.Max(max, argument.Height);
        return max + 1;
    }
}

/// <summary><c>( inner )</c>; kept so spans of diagnostics cover what the user wrote.</summary>
internal sealed class ParenthesizedSyntax : ExpressionSyntax
{
    public ParenthesizedSyntax(Token open, ExpressionSyntax inner, Token close)
        : base(TextSpan.Covering(open.Span, close.Span), HeightOf(inner)) => Inner = inner;

    public ExpressionSyntax Inner { get; }
}

/// <summary>Unary <c>-x</c> or <c>+x</c>.</summary>
internal sealed class UnarySyntax : ExpressionSyntax
{
    public UnarySyntax(Token op, ExpressionSyntax operand)
        : base(TextSpan.Covering(op.Span, operand.Span), HeightOf(operand))
    {
        Operator = op;
        Operand = operand;
    }

    public Token Operator { get; }

    public ExpressionSyntax Operand { get; }
}

/// <summary>Arithmetic <c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / b</c>.</summary>
internal sealed class BinarySyntax : ExpressionSyntax
{
    public BinarySyntax(ExpressionSyntax left, Token op, ExpressionSyntax right)
        : base(TextSpan.Covering(left.Span, right.Span), HeightOf(left, right))
    {
        Left = left;
        Operator = op;
        Right = right;
    }

    public ExpressionSyntax Left { get; }

    public Token Operator { get; }

    public ExpressionSyntax Right { get; }
}

/// <summary>A comparison <c>a op b</c>; only valid as the condition of <see cref="ConditionalSyntax"/>.</summary>
internal sealed class ComparisonSyntax : ExpressionSyntax
{
    public ComparisonSyntax(ExpressionSyntax left, Token op, ExpressionSyntax right)
        : base(TextSpan.Covering(left.Span, right.Span), HeightOf(left, right))
    {
        Left = left;
        Operator = op;
        Right = right;
    }

    public ExpressionSyntax Left { get; }

    public Token Operator { get; }

    public ExpressionSyntax Right { get; }
}

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
internal sealed class ConditionalSyntax : ExpressionSyntax
{
    public ConditionalSyntax(ExpressionSyntax condition, ExpressionSyntax whenTrue, ExpressionSyntax whenFalse)
        : base(TextSpan.Covering(condition.Span, whenFalse.Span), HeightOf(condition, whenTrue, whenFalse))
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public ExpressionSyntax Condition { get; }

    public ExpressionSyntax WhenTrue { get; }

    public ExpressionSyntax WhenFalse { get; }
}
