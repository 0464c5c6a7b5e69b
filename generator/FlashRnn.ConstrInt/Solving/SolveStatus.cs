namespace FlashRnn.ConstrInt
{
    /// <summary>The outcome of a solve.</summary>
    public enum SolveStatus
    {
        /// <summary>A solution was found and proven optimal (without an objective: a solution was found).</summary>
        Optimal,

        /// <summary>A limit stopped the search after a solution was found; it may not be optimal.</summary>
        Feasible,

        /// <summary>The search proved that no assignment satisfies every constraint.</summary>
        Infeasible,

        /// <summary>A limit stopped the search before any solution was found; feasibility is unknown.</summary>
        LimitReached,
    }
}
