using System.Collections.Generic;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>What <see cref="EquationParser"/> read from the equations text.</summary>
internal sealed class ParsedEquations
{
    public ParsedEquations(IReadOnlyList<EquationSyntax> equations, HashSet<string> abandonedTargets, bool isEmpty)
    {
        Equations = equations;
        AbandonedTargets = abandonedTargets;
        IsEmpty = isEmpty;
    }

    /// <summary>Every line that had the form <c>name = ...</c>, in text order.</summary>
    public IReadOnlyList<EquationSyntax> Equations { get; }

    /// <summary>
    /// Names that start lines which are not well-formed assignments (<c>h tanh(g)</c>): probably meant as targets, so
    /// "state never assigned" is not reported for them on top of the syntax error.
    /// </summary>
    public HashSet<string> AbandonedTargets { get; }

    /// <summary>True when the text holds nothing but blanks and comments.</summary>
    public bool IsEmpty { get; }
}
