using FlashRnn.ConstrInt;

namespace FlashRnn.ConstrInt.Tests.Oracle;

/// <summary>
/// Deterministic random problems over small domains exercising every operator, relation and domain kind.
/// Values stay far below 2^62, so overflow never decides an instance.
/// </summary>
internal sealed class RandomProblems(int seed)
{
    private readonly Random _random = new(seed);

    /// <param name="withObjective">Whether to add a random objective (minimised or maximised).</param>
    /// <param name="wideDomains">Whether some ranges span hundreds of values (exercises domain splitting).</param>
    public Problem Next(bool withObjective, bool wideDomains = false)
    {
        var problem = new Problem();
        int variableCount = _random.Next(2, 6);
        for (int i = 0; i < variableCount; i++)
        {
            ValuePreference preference = _random.Next(4) == 0 ? ValuePreference.High : ValuePreference.Low;
            problem.AddVariable("x" + i, NextDomain(wideDomains), preference);
        }

        if (!wideDomains && _random.Next(3) == 0)
        {
            // A defined variable that later expressions may read like any other variable.
            FlashRnn.ConstrInt.IntExpr definition = NextExpression(problem, depth: 2);
            try
            {
                problem.Define("d0", definition);
            }
            catch (ArgumentException)
            {
                // The definition is undefined everywhere (e.g. a constant division by zero); leave it out.
            }
        }

        int constraintCount = _random.Next(1, 5);
        for (int i = 0; i < constraintCount; i++)
        {
            problem.AddConstraint("c" + i, NextRelation(problem));
        }

        if (withObjective)
        {
            FlashRnn.ConstrInt.IntExpr objective = NextExpression(problem, depth: 2);
            if (_random.Next(2) == 0)
            {
                problem.Minimize(objective);
            }
            else
            {
                problem.Maximize(objective);
            }
        }

        return problem;
    }

    private IntDomain NextDomain(bool wide)
    {
        if (wide && _random.Next(3) == 0)
        {
            int start = _random.Next(-60, 40);
            return IntDomain.Range(start, start + _random.Next(20, 120));
        }

        switch (_random.Next(10))
        {
            case < 5:
                int lo = _random.Next(-8, 6);
                return IntDomain.Range(lo, lo + _random.Next(0, 12));
            case < 8:
                int count = _random.Next(2, 6);
                return IntDomain.Of(Enumerable.Range(0, count).Select(_ => (long)_random.Next(-10, 21)));
            default:
                return IntDomain.PowersOfTwo(_random.Next(1, 4), 1L << _random.Next(2, 6));
        }
    }

    private Relation NextRelation(Problem problem)
    {
        FlashRnn.ConstrInt.IntExpr left = NextExpression(problem, depth: 2);
        FlashRnn.ConstrInt.IntExpr right = _random.Next(3) == 0 ? NextExpression(problem, depth: 1) : new ConstantExpr(_random.Next(-20, 41));
        return _random.Next(16) switch
        {
            < 4 => left <= right,
            < 6 => left < right,
            < 9 => left >= right,
            9 => left > right,
            10 => left.EqualTo(right),
            < 14 => left.NotEqualTo(right),
            _ => NextExpression(problem, depth: 1).Divides(left),
        };
    }

    private FlashRnn.ConstrInt.IntExpr NextExpression(Problem problem, int depth)
    {
        if (depth == 0 || _random.Next(4) == 0)
        {
            return _random.Next(10) < 7 ? problem.Variables[_random.Next(problem.Variables.Count)] : NextConstant();
        }

        FlashRnn.ConstrInt.IntExpr a = NextExpression(problem, depth - 1);
        FlashRnn.ConstrInt.IntExpr b = NextExpression(problem, depth - 1);
        return _random.Next(20) switch
        {
            < 5 => a + b,
            < 8 => a - b,
            < 12 => a * b,
            < 14 => a / b,
            < 16 => a % b,
            16 => FlashRnn.ConstrInt.IntExpr.Min(a, b),
            17 => FlashRnn.ConstrInt.IntExpr.Max(a, b),
            _ => -a,
        };
    }

    private ConstantExpr NextConstant() => new(_random.Next(-6, 13));
}
