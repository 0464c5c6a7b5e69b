using System;
using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Programs;

/// <summary>The result of <see cref="ProgramEvaluator.Evaluate"/>.</summary>
public sealed class ProgramEvaluation
{
    private readonly CellProgram _program;
    private readonly double[] _outputs;

    internal ProgramEvaluation(CellProgram program, double[] outputs, double smallestBranchMargin)
    {
        _program = program;
        _outputs = outputs;
        SmallestBranchMargin = smallestBranchMargin;
    }

    /// <summary>The output values, in the order of <see cref="CellProgram.Outputs"/>.</summary>
    public IReadOnlyList<double> Outputs => _outputs;

    /// <summary>
    /// The smallest distance of any kink from its switching point in this evaluation: |a - b| over comparisons, max
    /// and min, |x| over relu and abs (infinity when the program has none). Tests compare against finite differences
    /// only where this is comfortably larger than the step.
    /// </summary>
    public double SmallestBranchMargin { get; }

    /// <summary>The value of output (<paramref name="kind"/>, <paramref name="index"/>).</summary>
    /// <param name="kind">What the output is.</param>
    /// <param name="index">The gate or state index.</param>
    /// <exception cref="ArgumentException">The program has no such output.</exception>
    public double Get(ProgramOutputKind kind, int index)
    {
        for (int i = 0; i < _program.Outputs.Count; i++)
        {
            ProgramOutput output = _program.Outputs[i];
            if (output.Kind == kind && output.Index == index) return _outputs[i];
        }
        throw new ArgumentException($"The program has no output {kind} {index}.", nameof(kind));
    }
}
