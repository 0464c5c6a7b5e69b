using System;

namespace FlashRnn.ConstrInt
{
    /// <summary>How the two sides of a <see cref="Relation"/> compare.</summary>
    public enum RelationOperator
    {
        /// <summary><c>left &lt;= right</c>.</summary>
        LessOrEqual,

        /// <summary><c>left &lt; right</c>.</summary>
        Less,

        /// <summary><c>left == right</c>.</summary>
        Equal,

        /// <summary><c>left != right</c>.</summary>
        NotEqual,

        /// <summary><c>left &gt;= right</c>.</summary>
        GreaterOrEqual,

        /// <summary><c>left &gt; right</c>.</summary>
        Greater,

        /// <summary><c>left</c> divides <c>right</c>: <c>right % left == 0</c> (so <c>left != 0</c>).</summary>
        Divides,
    }

    /// <summary>An unnamed, immutable comparison of two expressions; name it with <see cref="Problem.AddConstraint"/>.</summary>
    public sealed class Relation
    {
        /// <summary>Creates the relation <c>left op right</c>.</summary>
        public Relation(IntExpr left, RelationOperator op, IntExpr right)
        {
            Left = left ?? throw new ArgumentNullException(nameof(left));
            Right = right ?? throw new ArgumentNullException(nameof(right));
            if (op < RelationOperator.LessOrEqual || op > RelationOperator.Divides)
            {
                throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown relation operator.");
            }

            Operator = op;
        }

        /// <summary>The left side.</summary>
        public IntExpr Left { get; }

        /// <summary>The comparison.</summary>
        public RelationOperator Operator { get; }

        /// <summary>The right side.</summary>
        public IntExpr Right { get; }

        /// <summary>The relation in the text format, e.g. <c>2*DH*K + 64 &lt;= 232448</c> or <c>divides(K, DH)</c>.</summary>
        public override string ToString() => Operator == RelationOperator.Divides
            ? $"divides({Left}, {Right})"
            : $"{Left} {Symbol(Operator)} {Right}";

        /// <summary>The text-format symbol of a comparison operator (<c>divides</c> for <see cref="RelationOperator.Divides"/>).</summary>
        public static string Symbol(RelationOperator op) => op switch
        {
            RelationOperator.LessOrEqual => "<=",
            RelationOperator.Less => "<",
            RelationOperator.Equal => "==",
            RelationOperator.NotEqual => "!=",
            RelationOperator.GreaterOrEqual => ">=",
            RelationOperator.Greater => ">",
            _ => "divides",
        };
    }
}
