namespace FlashRnn.ConstrInt
{
    /// <summary>Whether the objective is minimised or maximised.</summary>
    public enum ObjectiveSense
    {
        /// <summary>Smaller is better.</summary>
        Minimize,

        /// <summary>Larger is better.</summary>
        Maximize,
    }

    /// <summary>The expression a problem optimises and in which direction.</summary>
    public sealed class Objective
    {
        internal Objective(ObjectiveSense sense, IntExpr expression)
        {
            Sense = sense;
            Expression = expression;
        }

        /// <summary>Minimise or maximise.</summary>
        public ObjectiveSense Sense { get; }

        /// <summary>The optimised expression.</summary>
        public IntExpr Expression { get; }

        /// <summary><c>minimize expr</c> or <c>maximize expr</c>.</summary>
        public override string ToString() => (Sense == ObjectiveSense.Minimize ? "minimize " : "maximize ") + Expression;
    }
}
