using System.Collections.Generic;
using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Syntax;

/// <summary>The functions of the cell language: name, number of arguments and the program operation.</summary>
internal static class CellFunctions
{
    /// <summary>The flag that is true on the first time step of a sequence.</summary>
    public const string FirstStepName = "first";

    private static readonly Dictionary<string, (ProgramOp Op, int Arity)> s_functions = new()
    {
        ["sigmoid"] = (ProgramOp.Sigmoid, 1),
        ["tanh"] = (ProgramOp.Tanh, 1),
        ["exp"] = (ProgramOp.Exp, 1),
        ["log"] = (ProgramOp.Log, 1),
        ["logsigmoid"] = (ProgramOp.LogSigmoid, 1),
        ["softplus"] = (ProgramOp.Softplus, 1),
        ["relu"] = (ProgramOp.Relu, 1),
        ["abs"] = (ProgramOp.Abs, 1),
        ["sqrt"] = (ProgramOp.Sqrt, 1),
        ["max"] = (ProgramOp.Max, 2),
        ["min"] = (ProgramOp.Min, 2),
    };

    public static IEnumerable<string> Names => s_functions.Keys;

    public static bool TryGet(string name, out ProgramOp op, out int arity)
    {
        if (s_functions.TryGetValue(name, out (ProgramOp Op, int Arity) entry))
        {
            op = entry.Op;
            arity = entry.Arity;
            return true;
        }
        op = default;
        arity = 0;
        return false;
    }

    public static bool IsFunction(string name) => s_functions.ContainsKey(name);

    /// <summary>Why <paramref name="name"/> cannot name a gate, state or temporary, or null when it can.</summary>
    public static string? ReservedBecause(string name)
    {
        if (name == FirstStepName) return "it is the first-step condition";
        if (IsFunction(name)) return "it is a function";
        return null;
    }

    /// <summary>An example call, for messages: <c>sigmoid(x)</c> or <c>max(a, b)</c>.</summary>
    public static string ExampleCall(string name, int arity) => arity == 1 ? name + "(x)" : name + "(a, b)";
}
