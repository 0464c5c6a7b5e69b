using System.Collections.Generic;
using FlashRnn.Gen.Language.Syntax;

namespace FlashRnn.Gen.Language.Semantics;

/// <summary>Which equation defines each state and each temporary (the first assignment of each name).</summary>
internal sealed class Definitions
{
    public Dictionary<string, EquationSyntax> States { get; } = new();

    public Dictionary<string, EquationSyntax> Temporaries { get; } = new();

    /// <summary>Temporaries some expression reads.</summary>
    public HashSet<string> ReadTemporaries { get; } = new();

    public bool TryGet(string name, out EquationSyntax? equation)
        => States.TryGetValue(name, out equation) || Temporaries.TryGetValue(name, out equation);
}
