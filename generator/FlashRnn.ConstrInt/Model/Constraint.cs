namespace FlashRnn.ConstrInt
{
    /// <summary>A named relation of a <see cref="Problem"/>. The name is what conflict explanations report.</summary>
    public sealed class Constraint
    {
        internal Constraint(int index, string name, Relation relation, bool isDefinition)
        {
            Index = index;
            Name = name;
            Relation = relation;
            IsDefinition = isDefinition;
        }

        /// <summary>The constraint's position in the problem (0-based).</summary>
        public int Index { get; }

        /// <summary>The label, for example <c>"shared memory per block"</c>.</summary>
        public string Name { get; }

        /// <summary>What must hold.</summary>
        public Relation Relation { get; }

        /// <summary>
        /// True for the equation <c>x == expr</c> that <see cref="Problem.Define"/> adds: always enforced, never
        /// reported in a conflict (it defines a name rather than requiring anything).
        /// </summary>
        public bool IsDefinition { get; }

        /// <summary><c>name: relation</c>.</summary>
        public override string ToString() => $"{Name}: {Relation}";
    }
}
