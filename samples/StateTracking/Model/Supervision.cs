namespace StateTracking.Model;

/// <summary>Which steps of a sequence the loss reads.</summary>
internal enum Supervision
{
    /// <summary>
    /// Only the last step: the label is the parity (count modulo k) of the whole sequence. The classic formulation,
    /// and the harder one to learn: one bit of feedback per sequence.
    /// </summary>
    Final,

    /// <summary>
    /// Every step: the label after step t is the parity of the prefix up to t. T times more feedback per sequence,
    /// so it trains much faster; the solution it must find (flip a bit on every 1) is the same.
    /// </summary>
    EveryStep,
}
