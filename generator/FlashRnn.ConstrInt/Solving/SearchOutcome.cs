namespace FlashRnn.ConstrInt.Solving
{
    /// <summary>What one run of the search found.</summary>
    internal sealed class SearchOutcome
    {
        public SearchOutcome(long[]? best, long? objective, bool complete, long nodes, string? limitReason)
        {
            Best = best;
            Objective = objective;
            Complete = complete;
            Nodes = nodes;
            LimitReason = limitReason;
        }

        /// <summary>The best assignment found (values by variable index), or null.</summary>
        public long[]? Best { get; }

        /// <summary>Objective value of <see cref="Best"/> when the problem has an objective.</summary>
        public long? Objective { get; }

        /// <summary>True when the search space was exhausted (or a satisfaction problem found its solution).</summary>
        public bool Complete { get; }

        public long Nodes { get; }

        /// <summary>Which limit stopped the search, when one did.</summary>
        public string? LimitReason { get; }
    }
}
