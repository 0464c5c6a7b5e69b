namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>One node of a flattened expression tree (children always precede their parent).</summary>
    internal struct CompiledNode
    {
        public ExprKind Kind;
        public int Left;
        public int Right;
        public int Variable;
        public long Value;

        /// <summary>A variable-free subtree whose value is undefined (zero divisor or overflow): it admits no value.</summary>
        public bool Undefined;
    }

    /// <summary>
    /// A constraint (or the objective) ready for propagation: an expression tree in post-order whose root must lie
    /// in [<see cref="TargetLo"/>, <see cref="TargetHi"/>] and, for <c>!=</c>, differ from <see cref="Excluded"/>.
    /// </summary>
    internal sealed class CompiledTree
    {
        public CompiledTree(CompiledNode[] nodes, int[] variables, long targetLo, long targetHi, long? excluded, int constraintIndex)
        {
            Nodes = nodes;
            Variables = variables;
            TargetLo = targetLo;
            TargetHi = targetHi;
            Excluded = excluded;
            ConstraintIndex = constraintIndex;
            Lo = new long[nodes.Length];
            Hi = new long[nodes.Length];
        }

        public CompiledNode[] Nodes { get; }

        /// <summary>Distinct variable indices the tree reads.</summary>
        public int[] Variables { get; }

        public long TargetLo { get; set; }

        public long TargetHi { get; set; }

        public long? Excluded { get; }

        /// <summary>Index of the source constraint in the problem; -1 for the objective.</summary>
        public int ConstraintIndex { get; }

        /// <summary>Per-node interval scratch space used by one revision.</summary>
        public long[] Lo { get; }

        /// <summary>Per-node interval scratch space used by one revision.</summary>
        public long[] Hi { get; }

        public int Root => Nodes.Length - 1;
    }
}
