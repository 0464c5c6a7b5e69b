using System;
using System.Collections.Generic;
using System.Linq;

namespace FlashRnn.ConstrInt
{
    /// <summary>
    /// An immutable integer expression over the variables of one <see cref="Problem"/>. Build expressions with the
    /// C# operators (<c>+ - * / %</c>, unary <c>-</c>, <see cref="Min(IntExpr, IntExpr)"/>, <see cref="Max(IntExpr, IntExpr)"/>)
    /// and turn two of them into a <see cref="Relation"/> with <c>&lt;= &lt; &gt;= &gt;</c>, <see cref="EqualTo"/>,
    /// <see cref="NotEqualTo"/> or <see cref="Divides"/>. Integers convert implicitly to constants.
    /// </summary>
    /// <remarks>
    /// Semantics: 64-bit integers; <c>/</c> truncates toward zero and <c>%</c> takes the dividend's sign (as in C#).
    /// An assignment under which a divisor is zero, or a value leaves ±2^62, is invalid: it satisfies no
    /// constraint and has no objective value.
    /// </remarks>
    public abstract class IntExpr
    {
        private protected IntExpr()
        {
        }

        /// <summary>The node kind.</summary>
        public abstract ExprKind Kind { get; }

        /// <summary>Writes the expression in the ConstrINT text format, with only the parentheses it needs.</summary>
        public override string ToString() => ExpressionWriter.Write(this);

        /// <summary>A constant expression.</summary>
        public static implicit operator IntExpr(long value) => new ConstantExpr(value);

        /// <summary><c>a + b</c>.</summary>
        public static IntExpr operator +(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Add, a, b);

        /// <summary><c>a - b</c>.</summary>
        public static IntExpr operator -(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Subtract, a, b);

        /// <summary><c>a * b</c>.</summary>
        public static IntExpr operator *(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Multiply, a, b);

        /// <summary><c>a / b</c>, truncating toward zero.</summary>
        public static IntExpr operator /(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Divide, a, b);

        /// <summary><c>a % b</c>, with the sign of <c>a</c>.</summary>
        public static IntExpr operator %(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Remainder, a, b);

        /// <summary><c>-a</c>.</summary>
        public static IntExpr operator -(IntExpr a) => new UnaryExpr(ExprKind.Negate, a);

        /// <summary>The relation <c>a &lt;= b</c>.</summary>
        public static Relation operator <=(IntExpr a, IntExpr b) => new Relation(a, RelationOperator.LessOrEqual, b);

        /// <summary>The relation <c>a &gt;= b</c>.</summary>
        public static Relation operator >=(IntExpr a, IntExpr b) => new Relation(a, RelationOperator.GreaterOrEqual, b);

        /// <summary>The relation <c>a &lt; b</c>.</summary>
        public static Relation operator <(IntExpr a, IntExpr b) => new Relation(a, RelationOperator.Less, b);

        /// <summary>The relation <c>a &gt; b</c>.</summary>
        public static Relation operator >(IntExpr a, IntExpr b) => new Relation(a, RelationOperator.Greater, b);

        /// <summary><c>min(a, b)</c>.</summary>
        public static IntExpr Min(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Min, a, b);

        /// <summary><c>max(a, b)</c>.</summary>
        public static IntExpr Max(IntExpr a, IntExpr b) => new BinaryExpr(ExprKind.Max, a, b);

        /// <summary>A named constant: it prints as <paramref name="name"/>, declared by <c>const name = value</c> in the text format.</summary>
        public static ConstantExpr Constant(string name, long value) => new ConstantExpr(value, name);

        /// <summary>The sum of the terms (0 when there are none).</summary>
        public static IntExpr Sum(IEnumerable<IntExpr> terms)
        {
            IntExpr? sum = null;
            foreach (IntExpr term in terms ?? throw new ArgumentNullException(nameof(terms)))
            {
                sum = sum is null ? term : sum + term;
            }

            return sum ?? new ConstantExpr(0);
        }

        /// <summary>The relation <c>this == other</c>.</summary>
        public Relation EqualTo(IntExpr other) => new Relation(this, RelationOperator.Equal, other);

        /// <summary>The relation <c>this != other</c>.</summary>
        public Relation NotEqualTo(IntExpr other) => new Relation(this, RelationOperator.NotEqual, other);

        /// <summary>The relation "this divides <paramref name="multiple"/>", i.e. <c>multiple % this == 0</c> (so this != 0).</summary>
        public Relation Divides(IntExpr multiple) => new Relation(this, RelationOperator.Divides, multiple);

        /// <summary>The variables the expression reads, each once, in first-occurrence order (left to right).</summary>
        public IReadOnlyList<IntVar> Variables()
        {
            var seen = new List<IntVar>();
            CollectVariables(this, seen);
            return seen;
        }

        /// <summary>The named constants the expression reads, each name once, in first-occurrence order.</summary>
        public IReadOnlyList<ConstantExpr> NamedConstants()
        {
            var seen = new List<ConstantExpr>();
            CollectNamedConstants(this, seen);
            return seen;
        }

        private static void CollectNamedConstants(IntExpr expr, List<ConstantExpr> seen)
        {
            switch (expr)
            {
                case ConstantExpr { Name: not null } constant:
                    if (!seen.Any(c => c.Name == constant.Name))
                    {
                        seen.Add(constant);
                    }

                    break;
                case UnaryExpr unary:
                    CollectNamedConstants(unary.Operand, seen);
                    break;
                case BinaryExpr binary:
                    CollectNamedConstants(binary.Left, seen);
                    CollectNamedConstants(binary.Right, seen);
                    break;
            }
        }

        private static void CollectVariables(IntExpr expr, List<IntVar> seen)
        {
            switch (expr)
            {
                case IntVar variable:
                    if (!seen.Any(v => ReferenceEquals(v, variable)))
                    {
                        seen.Add(variable);
                    }

                    break;
                case UnaryExpr unary:
                    CollectVariables(unary.Operand, seen);
                    break;
                case BinaryExpr binary:
                    CollectVariables(binary.Left, seen);
                    CollectVariables(binary.Right, seen);
                    break;
            }
        }
    }

    /// <summary>An integer literal, optionally named (a named constant prints as its name and is declared with <c>const</c>).</summary>
    public sealed class ConstantExpr : IntExpr
    {
        /// <summary>Creates the literal.</summary>
        /// <param name="value">The value.</param>
        /// <param name="name">An identifier the text format prints instead of the value (declared as <c>const</c>), or null.</param>
        /// <exception cref="ArgumentException">The name is not an identifier or is a keyword.</exception>
        public ConstantExpr(long value, string? name = null)
        {
            if (name is not null && (!Identifiers.IsIdentifier(name) || Identifiers.IsKeyword(name)))
            {
                throw new ArgumentException($"Constant name '{name}' is not an identifier, or is a keyword of the text format.", nameof(name));
            }

            Value = value;
            Name = name;
        }

        /// <summary>The literal's value.</summary>
        public long Value { get; }

        /// <summary>The constant's name, or null for a plain literal.</summary>
        public string? Name { get; }

        /// <inheritdoc />
        public override ExprKind Kind => ExprKind.Constant;
    }

    /// <summary>A unary operation (<see cref="ExprKind.Negate"/>).</summary>
    public sealed class UnaryExpr : IntExpr
    {
        internal UnaryExpr(ExprKind kind, IntExpr operand)
        {
            Kind = kind;
            Operand = operand ?? throw new ArgumentNullException(nameof(operand));
        }

        /// <inheritdoc />
        public override ExprKind Kind { get; }

        /// <summary>The operand.</summary>
        public IntExpr Operand { get; }
    }

    /// <summary>A binary operation: arithmetic, <c>min</c> or <c>max</c>.</summary>
    public sealed class BinaryExpr : IntExpr
    {
        internal BinaryExpr(ExprKind kind, IntExpr left, IntExpr right)
        {
            Kind = kind;
            Left = left ?? throw new ArgumentNullException(nameof(left));
            Right = right ?? throw new ArgumentNullException(nameof(right));
        }

        /// <inheritdoc />
        public override ExprKind Kind { get; }

        /// <summary>The left operand.</summary>
        public IntExpr Left { get; }

        /// <summary>The right operand.</summary>
        public IntExpr Right { get; }
    }
}
