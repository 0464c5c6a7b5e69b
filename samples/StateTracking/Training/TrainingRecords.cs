namespace StateTracking.Training;

/// <summary>What happened at one optimizer step.</summary>
/// <param name="Step">1 for the first step.</param>
/// <param name="Length">Length of the batch's sequences.</param>
/// <param name="Loss">Mean cross-entropy on the supervised steps.</param>
/// <param name="Accuracy">Fraction of supervised steps predicted correctly.</param>
/// <param name="GradientNorm">Global gradient norm before clipping.</param>
/// <param name="LearningRate">The learning rate of the update.</param>
internal sealed record StepRecord(int Step, int Length, double Loss, double Accuracy, double GradientNorm, double LearningRate);

/// <summary>A held-out evaluation after a step.</summary>
/// <param name="Step">The steps done when it was taken (0: before training).</param>
/// <param name="Accuracy">The result.</param>
internal sealed record EvaluationRecord(int Step, HeldOutAccuracy Accuracy);

/// <summary>Reported to the caller after each step.</summary>
/// <param name="Latest">The step just done.</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="LatestEvaluation">The most recent held-out evaluation.</param>
internal sealed record TrainingProgress(StepRecord Latest, int TotalSteps, EvaluationRecord LatestEvaluation);

/// <summary>A finished run.</summary>
/// <param name="Options">The options it ran with.</param>
/// <param name="TaskName">The task, such as <c>parity</c>.</param>
/// <param name="CellName">The cell's declared name.</param>
/// <param name="Engine">What ran the cell (<see cref="StateTracking.Model.IRecurrentLayer{T}.Engine"/>).</param>
/// <param name="ParameterCount">Trainable numbers in the model.</param>
/// <param name="Steps">One record per optimizer step.</param>
/// <param name="Evaluations">The held-out evaluations, in step order; the last is after the last step.</param>
/// <param name="Elapsed">Wall-clock time of the run, evaluations included.</param>
/// <param name="ProcessorTime">CPU time the process used during the run, all threads; unlike the wall-clock time it
/// barely changes when other programs compete for the cores.</param>
internal sealed record TrainingRun(TrainingOptions Options, string TaskName, string CellName, string Engine, int ParameterCount,
    IReadOnlyList<StepRecord> Steps, IReadOnlyList<EvaluationRecord> Evaluations, TimeSpan Elapsed,
    TimeSpan ProcessorTime)
{
    /// <summary>The held-out evaluation after the last step.</summary>
    public EvaluationRecord Final => Evaluations[^1];
}
