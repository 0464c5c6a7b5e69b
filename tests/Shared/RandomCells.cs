// Shared test source: linked into FlashRnn.Gen.Language.Tests and into the generator's tests.
// Generates random well-formed cells whose values stay bounded over many time steps.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FlashRnn.Gen.Language;

namespace FlashRnn.Gen.Language.Testing;

/// <summary>
/// Random well-formed cells for property tests. Every cell compiles without errors or warnings: each state is
/// assigned once, temporaries are read only after their line (no cycles) and each is used, and every gate is used.
/// Values stay bounded: each new state is squashed (tanh, sigmoid, a convex mix with its old value, a clamp, or a
/// softsign), exponentials only see bounded arguments, and log, sqrt and division only see arguments kept away
/// from zero. Kinks (max, min, relu, abs, comparisons) appear; tests keep their inputs away from the ties.
/// The text varies its surface too: separators, comments, blank lines, line continuations, optional parts.
/// </summary>
public static class RandomCells
{
    private static readonly string[][] s_gateNames =
    {
        new[] { "i", "f", "z", "o" }, new[] { "g0", "g1", "g2", "g3" }, new[] { "r", "u", "w", "q" },
    };

    private static readonly string[][] s_stateNames =
    {
        new[] { "h", "c", "n" }, new[] { "s0", "s1", "s2" }, new[] { "y", "m", "k" },
    };

    private static readonly string[] s_temporaryNames = { "a", "b", "e", "p", "v" };

    private static readonly string[] s_constants = { "0.5", "2", "0.25", "1.5", "3", "0.1", "1e-1", "0.75" };

    /// <summary>A random well-formed cell; the same seed of <paramref name="random"/> gives the same cell.</summary>
    /// <remarks>
    /// Rarely, simplification cancels every use of a gate (say a + b - (b + a)), which the compiler warns about;
    /// such a draw is replaced by the next one. Errors are never filtered: they would be bugs worth seeing.
    /// </remarks>
    /// <param name="random">The source of randomness.</param>
    public static CellText Generate(Random random)
    {
        CellText cell = new Builder(random).Build();
        for (int attempt = 0; attempt < 20 && HasOnlyWarnings(CellCompiler.Compile(cell)); attempt++)
            cell = new Builder(random).Build();
        return cell;
    }

    private static bool HasOnlyWarnings(CellCompilation compilation)
        => compilation.Diagnostics.Count > 0 && !compilation.HasErrors;

    /// <summary>
    /// The C# declaration of <paramref name="cell"/> as a user writes it: [RnnCell] and [Equations] (a raw string
    /// literal) on a static partial class, attributes fully qualified so no using is needed.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="className">The class name.</param>
    public static string ToCSharpDeclaration(CellText cell, string className)
    {
        var arguments = new List<string> { "Gates = " + Quote(cell.Gates), "States = " + Quote(cell.States) };
        if (cell.Recurrent is not null) arguments.Add("Recurrent = " + Quote(cell.Recurrent));
        if (cell.Outputs is not null) arguments.Add("Outputs = " + Quote(cell.Outputs));
        if (cell.Initial is not null) arguments.Add("Initial = " + Quote(cell.Initial));

        var text = new StringBuilder();
        text.Append("[global::FlashRnn.RnnCell(").Append(string.Join(", ", arguments)).Append(")]\n");
        text.Append("[global::FlashRnn.Equations(\"\"\"\n");
        foreach (string line in cell.Equations.Replace("\r\n", "\n").Split('\n'))
            text.Append(line.Length == 0 ? "" : "    " + line).Append('\n');
        text.Append("    \"\"\")]\n");
        text.Append("public static partial class ").Append(className).Append(";\n");
        return text.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>An expression's text and whether it can stand as an operand without parentheses.</summary>
    private readonly struct Expr
    {
        public Expr(string text, bool atomic)
        {
            Text = text;
            Atomic = atomic;
        }

        public string Text { get; }

        public bool Atomic { get; }

        public string AsOperand => Atomic ? Text : "(" + Text + ")";
    }

    private sealed class Line
    {
        public Line(string name, bool isState)
        {
            Name = name;
            IsState = isState;
        }

        public string Name { get; }

        public bool IsState { get; }

        public List<string> Terms { get; } = new();

        public int Wrapper { get; set; }

        public string Extra { get; set; } = "";
    }

    private sealed class Builder
    {
        private readonly Random _random;
        private readonly string[] _gates;
        private readonly string[] _states;
        private readonly List<Line> _lines = new();
        private readonly List<string> _visibleTemporaries = new();

        public Builder(Random random)
        {
            _random = random;
            _gates = s_gateNames[random.Next(s_gateNames.Length)].Take(1 + random.Next(4)).ToArray();
            _states = s_stateNames[random.Next(s_stateNames.Length)].Take(1 + random.Next(3)).ToArray();
        }

        public CellText Build()
        {
            int temporaryCount = _random.Next(4);
            var lines = _states.Select(s => new Line(s, isState: true))
                .Concat(s_temporaryNames.Take(temporaryCount).Select(t => new Line(t, isState: false)))
                .OrderBy(_ => _random.Next()).ToList();
            // The last line assigns a state, so unused gates and temporaries can be folded into it.
            int lastState = lines.FindLastIndex(l => l.IsState);
            (lines[lastState], lines[lines.Count - 1]) = (lines[lines.Count - 1], lines[lastState]);

            foreach (Line line in lines)
            {
                int terms = 1 + _random.Next(3);
                for (int t = 0; t < terms; t++) AddDistinct(line.Terms, Term(2 + _random.Next(2)).Text);
                line.Wrapper = line.IsState ? _random.Next(6) : _random.Next(3);
                if (line.IsState && line.Wrapper == 2) line.Extra = Generate(1).Text;
                _lines.Add(line);
                if (!line.IsState) _visibleTemporaries.Add(line.Name);
            }

            // Which names the right sides read, from their text: expressions generated and then dropped do not count.
            var read = new HashSet<string>(_lines.SelectMany(l => l.Terms.Append(l.Extra)).SelectMany(Words));
            Line last = _lines[_lines.Count - 1];
            foreach (string gate in _gates.Where(g => !read.Contains(g)).ToList())
                AddDistinct(last.Terms, "0.5 * sigmoid(" + gate + ")");
            foreach (Line temporary in _lines.Where(l => !l.IsState && !read.Contains(l.Name)).ToList())
                AddDistinct(last.Terms, "0.25 * tanh(" + temporary.Name + ")");

            return new CellText(
                Gates: string.Join(Separator(), _gates),
                States: string.Join(Separator(), _states),
                Equations: RenderEquations(),
                Recurrent: RecurrentText(),
                Outputs: OutputsText(),
                Initial: InitialText());
        }

        private static IEnumerable<string> Words(string text)
            => text.Split(" ()+-*/,.?:<>=!".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);

        private string Separator() => _random.Next(3) switch { 0 => " ", 1 => ", ", _ => "," };

        private string? RecurrentText() => _random.Next(3) == 0 ? null : _states[_random.Next(_states.Length)];

        private string? OutputsText()
        {
            if (_random.Next(2) == 0) return null;
            string[] chosen = _states.Where(_ => _random.Next(2) == 0).ToArray();
            return chosen.Length == 0 ? null : string.Join(Separator(), chosen);
        }

        private string? InitialText()
        {
            if (_random.Next(2) == 0) return null;
            string[] entries = _states.Where(_ => _random.Next(2) == 0)
                .Select(s => s + " = " + (_random.Next(2) == 0 ? "-" : "") + s_constants[_random.Next(s_constants.Length)])
                .ToArray();
            return entries.Length == 0 ? null : string.Join(", ", entries);
        }

        private string RenderEquations()
        {
            var text = new StringBuilder();
            if (_random.Next(4) == 0) text.Append("# a random cell\n");
            foreach (Line line in _lines)
            {
                string inner = string.Join(_random.Next(2) == 0 ? " + " : " - ", line.Terms);
                string right = line.IsState ? StateWrapper(line, inner) : TemporaryWrapper(line.Wrapper, inner);
                string equation = line.Name + " = " + right;
                int plus = equation.IndexOf(" + ", StringComparison.Ordinal);
                if (plus > 0 && _random.Next(6) == 0)
                    equation = equation.Substring(0, plus) + " +\n        " + equation.Substring(plus + 3);
                if (_random.Next(8) == 0) equation += "  // " + line.Name;
                text.Append(equation).Append('\n');
                if (_random.Next(8) == 0) text.Append('\n');
            }
            return text.ToString();
        }

        private static string StateWrapper(Line line, string inner) => line.Wrapper switch
        {
            0 => "tanh(" + inner + ")",
            1 => "sigmoid(" + inner + ")",
            2 => "sigmoid(" + line.Extra + ") * " + line.Name + " + (1 - sigmoid(" + line.Extra + ")) * tanh(" + inner + ")",
            3 => "max(min(" + inner + ", 3), -3)",
            4 => "(" + inner + ") / (1 + abs(" + inner + "))",
            _ => "first ? tanh(" + inner + ") : 0.5 * " + line.Name + " + 0.5 * tanh(" + inner + ")",
        };

        private static string TemporaryWrapper(int wrapper, string inner) => wrapper switch
        {
            0 => "tanh(" + inner + ")",
            1 => "sigmoid(" + inner + ")",
            _ => inner,
        };

        /// <summary>A term of a sum: an expression, sometimes scaled by a constant.</summary>
        private Expr Term(int depth)
        {
            Expr e = Generate(depth);
            return _random.Next(4) == 0 ? new Expr(Constant() + " * " + e.AsOperand, atomic: false) : e;
        }

        private Expr Generate(int depth)
        {
            if (depth <= 0 || _random.Next(10) < 3) return Leaf();
            Expr a = Generate(depth - 1);
            switch (_random.Next(13))
            {
                case 0: return new Expr("-" + a.AsOperand, atomic: false);
                case 1: return Call(Pick("sigmoid", "tanh", "softplus", "logsigmoid"), a);
                case 2: return Call(Pick("relu", "abs"), a);
                case 3: return Call("exp", Call(Pick("tanh", "logsigmoid", "sigmoid"), a));
                case 4: return Call("log", new Expr("1 + " + a.AsOperand + " * " + a.AsOperand, atomic: false));
                case 5: return Call("sqrt", new Expr(a.AsOperand + " * " + a.AsOperand + " + 0.25", atomic: false));
                case 6: return new Expr(a.AsOperand + " / (1.5 + tanh(" + Generate(depth - 1).Text + "))", atomic: false);
                case 7: return Call(Pick("max", "min"), a, Other(a, depth - 1));
                case 8: return Select(depth);
                case 9: return new Expr(a.AsOperand + " * " + Other(a, depth - 1).AsOperand, atomic: false);
                case 10: return new Expr(a.AsOperand + " - " + Other(a, depth - 1).AsOperand, atomic: false);
                default: return new Expr(a.AsOperand + " + " + Other(a, depth - 1).AsOperand, atomic: false);
            }
        }

        /// <summary>A second operand that differs from the first, so no gate cancels out of the cell (x - x = 0).</summary>
        private Expr Other(Expr first, int depth)
        {
            Expr second = Generate(depth);
            return second.Text == first.Text ? new Expr(Constant(), atomic: true) : second;
        }

        private static void AddDistinct(List<string> terms, string term)
        {
            if (!terms.Contains(term)) terms.Add(term);
        }

        private Expr Select(int depth)
        {
            // A condition on names only: one on constants would be decided at compile time and drop a branch.
            string condition = _random.Next(5) == 0
                ? "first"
                : Gate().Text + " " + Pick("<", "<=", ">", ">=", ">", "==", "!=") + " " + Generate(depth - 1).Text;
            Expr whenTrue = Generate(depth - 1);
            return new Expr("(" + condition + " ? " + whenTrue.Text + " : " + Other(whenTrue, depth - 1).Text + ")", atomic: true);
        }

        private Expr Leaf()
        {
            int choice = _random.Next(10);
            if (choice < 4) return Gate();
            if (choice < 6) return new Expr(_states[_random.Next(_states.Length)], atomic: true);
            if (choice < 8 && _visibleTemporaries.Count > 0)
            {
                string temporary = _visibleTemporaries[_random.Next(_visibleTemporaries.Count)];
                return new Expr(temporary, atomic: true);
            }
            if (choice < 9) return new Expr(Constant(), atomic: true);
            return Gate();
        }

        private Expr Gate()
        {
            string gate = _gates[_random.Next(_gates.Length)];
            return _random.Next(4) switch
            {
                0 => new Expr(gate + ".input", atomic: true),
                1 => new Expr(gate + ".recurrent", atomic: true),
                _ => new Expr(gate, atomic: true),
            };
        }

        private string Constant() => s_constants[_random.Next(s_constants.Length)];

        private string Pick(params string[] options) => options[_random.Next(options.Length)];

        private static Expr Call(string function, params Expr[] arguments)
            => new(function + "(" + string.Join(", ", arguments.Select(a => a.Text)) + ")", atomic: true);
    }
}
