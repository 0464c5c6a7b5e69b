namespace FlashRnn.ConstrInt
{
    /// <summary>The node kinds of an integer expression tree.</summary>
    public enum ExprKind
    {
        /// <summary>An integer literal (<see cref="ConstantExpr"/>).</summary>
        Constant,

        /// <summary>A decision variable (<see cref="IntVar"/>).</summary>
        Variable,

        /// <summary>Unary minus (<see cref="UnaryExpr"/>).</summary>
        Negate,

        /// <summary><c>a + b</c>.</summary>
        Add,

        /// <summary><c>a - b</c>.</summary>
        Subtract,

        /// <summary><c>a * b</c>.</summary>
        Multiply,

        /// <summary><c>a / b</c>, truncating toward zero; a zero divisor makes the assignment invalid.</summary>
        Divide,

        /// <summary><c>a % b</c>, with the sign of <c>a</c>; a zero divisor makes the assignment invalid.</summary>
        Remainder,

        /// <summary><c>min(a, b)</c>.</summary>
        Min,

        /// <summary><c>max(a, b)</c>.</summary>
        Max,
    }
}
