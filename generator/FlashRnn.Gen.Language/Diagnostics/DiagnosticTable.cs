using System.Collections.Generic;
using FlashRnn.Gen.Language.Collections;

namespace FlashRnn.Gen.Language.Diagnostics;

/// <summary>
/// Every diagnostic of the FlashRnn.Gen generator, in one table. Each message ends with what to write instead.
/// </summary>
/// <remarks>
/// ID ranges: FRG001-FRG099 the cell language (declaration strings and equations, reported by
/// <see cref="CellCompiler"/> with a span inside the string); FRG100-FRG149 the attribute and class level (reported
/// by the generator at the attribute or class); FRG150-FRG199 the kernel planner. IDs are never reused.
/// </remarks>
public static class DiagnosticTable
{
    /// <summary>Category of the cell-language diagnostics (FRG001-FRG099).</summary>
    public const string LanguageCategory = "FlashRnn.CellLanguage";

    /// <summary>Category of the attribute and class diagnostics (FRG100-FRG149).</summary>
    public const string DeclarationCategory = "FlashRnn.Declaration";

    /// <summary>Category of the kernel planner's diagnostics (FRG150-FRG199).</summary>
    public const string PlannerCategory = "FlashRnn.Planner";

    private const CellDiagnosticSeverity Error = CellDiagnosticSeverity.Error;
    private const CellDiagnosticSeverity Warning = CellDiagnosticSeverity.Warning;

    // ---- FRG001-FRG011: characters, tokens and the shape of an equation line --------------------------------------

    /// <summary>FRG001: a character the language does not use. Args: the character, a hint.</summary>
    public static readonly CellDiagnosticDescriptor UnexpectedCharacter = Language("FRG001",
        "Character not in the cell language",
        "The character '{0}' is not part of the cell language; {1}");

    /// <summary>FRG002: a malformed number. Args: the text.</summary>
    public static readonly CellDiagnosticDescriptor InvalidNumber = Language("FRG002",
        "Malformed number",
        "'{0}' is not a number; write a decimal such as 2, 0.5 or 1e-3 (with '*' between a number and a name)");

    /// <summary>FRG003: a constant outside float32. Args: the text.</summary>
    public static readonly CellDiagnosticDescriptor NumberOutOfRange = Language("FRG003",
        "Constant outside float32",
        "The constant {0} does not fit in float32 (largest magnitude about 3.4e38); use a smaller constant");

    /// <summary>FRG004: a token where it cannot stand. Args: the token, what was expected.</summary>
    public static readonly CellDiagnosticDescriptor UnexpectedToken = Language("FRG004",
        "Unexpected token",
        "Unexpected {0}; expected {1}");

    /// <summary>FRG005: an operator or '(' with nothing after it. Args: the operator.</summary>
    public static readonly CellDiagnosticDescriptor MissingOperand = Language("FRG005",
        "Missing operand",
        "'{0}' must be followed by an expression; write a name, a number, a call or a parenthesised expression after it");

    /// <summary>FRG006: '(' never closed. No args.</summary>
    public static readonly CellDiagnosticDescriptor UnclosedParenthesis = Language("FRG006",
        "Unclosed parenthesis",
        "This '(' is never closed; add the matching ')' before the end of the equation");

    /// <summary>FRG007: ')' without '('. No args.</summary>
    public static readonly CellDiagnosticDescriptor UnmatchedCloseParenthesis = Language("FRG007",
        "Unmatched closing parenthesis",
        "This ')' has no matching '('; remove it or add the '(' it closes");

    /// <summary>FRG008: a line that is not 'name = expression'. Args: a hint.</summary>
    public static readonly CellDiagnosticDescriptor NotAnAssignment = Language("FRG008",
        "Equation line is not an assignment",
        "An equation line must have the form 'name = expression'; {0}");

    /// <summary>FRG009: '?' without ':'. No args.</summary>
    public static readonly CellDiagnosticDescriptor IncompleteConditional = Language("FRG009",
        "Conditional without ':'",
        "This '?' has no ':'; write 'condition ? value_if_true : value_if_false'");

    /// <summary>FRG010: the equations hold no equation. No args.</summary>
    public static readonly CellDiagnosticDescriptor EmptyEquations = Language("FRG010",
        "No equations",
        "The equations are empty; assign every state on a line of its own, for example 'h = tanh(g)'");

    /// <summary>FRG011: nesting beyond the compiler's limit. Args: the limit.</summary>
    public static readonly CellDiagnosticDescriptor ExpressionTooDeep = Language("FRG011",
        "Expression nested too deeply",
        "This expression nests deeper than {0} levels; split it into temporaries on lines of their own");

    // ---- FRG012-FRG026: the declaration strings Gates, States, Recurrent, Outputs, Initial -----------------------

    /// <summary>FRG012: not an identifier. Args: the text.</summary>
    public static readonly CellDiagnosticDescriptor InvalidName = Language("FRG012",
        "Invalid name",
        "'{0}' is not a valid name; a name starts with a letter or '_' followed by letters, digits or '_'");

    /// <summary>FRG013: a reserved word used as a name. Args: the name, what it is reserved for, what it would name.</summary>
    public static readonly CellDiagnosticDescriptor ReservedName = Language("FRG013",
        "Reserved name",
        "'{0}' is reserved ({1}) and cannot name a {2}; choose another name");

    /// <summary>FRG014: a gate declared twice. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor DuplicateGate = Language("FRG014",
        "Gate declared twice",
        "Gate '{0}' is declared twice; remove the second '{0}'");

    /// <summary>FRG015: a state declared twice. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor DuplicateState = Language("FRG015",
        "State declared twice",
        "State '{0}' is declared twice; remove the second '{0}'");

    /// <summary>FRG016: a name that is both a gate and a state. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor GateStateSameName = Language("FRG016",
        "Gate and state with the same name",
        "'{0}' is declared both as a gate and as a state; rename one of them");

    /// <summary>FRG017: Gates is empty. No args.</summary>
    public static readonly CellDiagnosticDescriptor NoGates = Language("FRG017",
        "No gates",
        "The cell declares no gates; list the gate names in Gates, for example Gates = \"i f z o\"");

    /// <summary>FRG018: States is empty. No args.</summary>
    public static readonly CellDiagnosticDescriptor NoStates = Language("FRG018",
        "No states",
        "The cell declares no states; list the state names in States, for example States = \"h c\"");

    /// <summary>FRG019: Recurrent is not a state. Args: the name, the states.</summary>
    public static readonly CellDiagnosticDescriptor RecurrentNotAState = Language("FRG019",
        "Recurrent is not a state",
        "Recurrent names '{0}', which is not a state; name one of the states: {1}");

    /// <summary>FRG020: Recurrent names several states. Args: how many.</summary>
    public static readonly CellDiagnosticDescriptor RecurrentNotSingle = Language("FRG020",
        "Recurrent names more than one state",
        "Recurrent names {0} states, but exactly one state feeds the recurrence; keep one of them");

    /// <summary>FRG021: an output that is not a state. Args: the name, the states.</summary>
    public static readonly CellDiagnosticDescriptor OutputNotAState = Language("FRG021",
        "Output is not a state",
        "Outputs names '{0}', which is not a state; name states from: {1}");

    /// <summary>FRG022: an output listed twice. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor DuplicateOutput = Language("FRG022",
        "Output listed twice",
        "Output '{0}' is listed twice; remove the second '{0}'");

    /// <summary>FRG023: an Initial entry that is not 'state = constant'. Args: a hint.</summary>
    public static readonly CellDiagnosticDescriptor InitialSyntax = Language("FRG023",
        "Malformed initial value",
        "An initial value is written 'state = constant', entries separated by commas; {0}");

    /// <summary>FRG024: an initial value that is not a number. Args: the state, the text.</summary>
    public static readonly CellDiagnosticDescriptor InitialNotConstant = Language("FRG024",
        "Initial value is not a constant",
        "The initial value of '{0}' is '{1}', which is not a constant; write a number such as 0, 1 or -0.5");

    /// <summary>FRG025: Initial names something that is not a state. Args: the name, the states.</summary>
    public static readonly CellDiagnosticDescriptor InitialUnknownState = Language("FRG025",
        "Initial value for an unknown state",
        "Initial sets '{0}', which is not a state; name one of the states: {1}");

    /// <summary>FRG026: a state given two initial values. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor InitialDuplicate = Language("FRG026",
        "Initial value given twice",
        "The initial value of '{0}' is given twice; keep one of them");

    // ---- FRG030-FRG044: the meaning of the equations -------------------------------------------------------------

    /// <summary>FRG030: a name that is not declared or defined. Args: the name, a suggestion (may be empty).</summary>
    public static readonly CellDiagnosticDescriptor UnknownName = Language("FRG030",
        "Unknown name",
        "'{0}' is not a gate, a state or a temporary{1}; declare it in Gates or States, or define it on a line of its own as '{0} = ...'");

    /// <summary>FRG031: a state without an equation. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor StateNeverAssigned = Language("FRG031",
        "State never assigned",
        "State '{0}' is never assigned; add an equation line '{0} = ...' (write '{0} = {0}' to carry it unchanged)");

    /// <summary>FRG032: a state assigned on two lines. Args: the name, the first line.</summary>
    public static readonly CellDiagnosticDescriptor StateAssignedTwice = Language("FRG032",
        "State assigned twice",
        "State '{0}' is assigned twice (first on line {1}); assign each state once and give intermediate values a temporary name of their own");

    /// <summary>FRG033: a temporary assigned on two lines. Args: the name, the first line.</summary>
    public static readonly CellDiagnosticDescriptor TemporaryAssignedTwice = Language("FRG033",
        "Temporary assigned twice",
        "Temporary '{0}' is assigned twice (first on line {1}); a temporary is defined once, so give this value a new name");

    /// <summary>FRG034: an assignment to a gate. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor AssignmentToGate = Language("FRG034",
        "Assignment to a gate",
        "'{0}' is a gate, an input of the cell, and cannot be assigned; give the value a new temporary name instead");

    /// <summary>FRG035: an assignment to something other than a plain name. Args: the target text.</summary>
    public static readonly CellDiagnosticDescriptor InvalidAssignmentTarget = Language("FRG035",
        "Invalid assignment target",
        "Only a plain name can be assigned, not '{0}'; write 'name = expression'");

    /// <summary>FRG036: a call of something that is not a function. Args: the name, a suggestion (may be empty).</summary>
    public static readonly CellDiagnosticDescriptor UnknownFunction = Language("FRG036",
        "Unknown function",
        "'{0}' is not a function{1}; the functions are sigmoid, tanh, exp, log, logsigmoid, softplus, relu, abs, sqrt (one argument) and max, min (two arguments)");

    /// <summary>FRG037: a call with the wrong number of arguments. Args: the function, what it takes, how many given, an example.</summary>
    public static readonly CellDiagnosticDescriptor WrongArgumentCount = Language("FRG037",
        "Wrong number of arguments",
        "'{0}' takes {1} but is given {2}; write it as '{3}'");

    /// <summary>FRG038: a function name used without a call. Args: the name, an example call.</summary>
    public static readonly CellDiagnosticDescriptor FunctionUsedAsValue = Language("FRG038",
        "Function used as a value",
        "'{0}' is a function, not a value; call it, as in '{1}'");

    /// <summary>FRG039: a part other than input/recurrent. Args: the gate, the part, a suggestion (may be empty).</summary>
    public static readonly CellDiagnosticDescriptor UnknownMember = Language("FRG039",
        "Unknown gate part",
        "Gate '{0}' has no part '{1}'{2}; a gate's parts are '{0}.input' and '{0}.recurrent'");

    /// <summary>FRG040: a part of something that is not a gate. Args: the name, what it is.</summary>
    public static readonly CellDiagnosticDescriptor MemberOnNonGate = Language("FRG040",
        "Part of a name that is not a gate",
        "'{0}' is a {1}, not a gate; only gates have the parts '.input' and '.recurrent', so write '{0}' alone");

    /// <summary>FRG041: a comparison where a number is needed. No args.</summary>
    public static readonly CellDiagnosticDescriptor ComparisonAsValue = Language("FRG041",
        "Comparison used as a value",
        "A comparison is not a number; use it as the condition of 'condition ? value_if_true : value_if_false'");

    /// <summary>FRG042: a '?' condition that is not a comparison. No args.</summary>
    public static readonly CellDiagnosticDescriptor ConditionNotComparison = Language("FRG042",
        "Condition is not a comparison",
        "The condition before '?' must be a comparison (==, !=, <, <=, >, >=) or 'first'; write for example 'x > 0 ? a : b'");

    /// <summary>FRG043: 'first' where a number is needed. No args.</summary>
    public static readonly CellDiagnosticDescriptor FirstAsValue = Language("FRG043",
        "'first' used as a value",
        "'first' is a condition, not a number; write 'first ? 1 : 0' where its value is meant");

    /// <summary>FRG044: a definition that depends on itself. Args: the name, the cycle ("a -> b -> a").</summary>
    public static readonly CellDiagnosticDescriptor DependencyCycle = Language("FRG044",
        "Cyclic definition",
        "'{0}' depends on itself ({1}); a temporary has no previous value and a state read below its own line is its new value: read states on or above their assignment line, or declare a value carried across steps in States");

    // ---- FRG050-FRG051: warnings ---------------------------------------------------------------------------------

    /// <summary>FRG050 (warning): a gate that no new state depends on. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor UnusedGate = Language("FRG050",
        "Unused gate",
        "Gate '{0}' does not affect any state; use it in an equation or remove it from Gates", Warning);

    /// <summary>FRG051 (warning): a temporary nothing reads. Args: the name.</summary>
    public static readonly CellDiagnosticDescriptor UnusedTemporary = Language("FRG051",
        "Unused temporary",
        "Temporary '{0}' is never used; use it in another equation or delete its line", Warning);

    /// <summary>FRG099: a bug in the cell compiler. Args: the exception's type and message.</summary>
    public static readonly CellDiagnosticDescriptor InternalError = Language("FRG099",
        "Internal error in the cell compiler",
        "The cell compiler failed unexpectedly ({0}); please report this together with the cell's declaration");

    // ---- FRG100-FRG149: attributes and the class (reported by the generator) ------------------------------------

    /// <summary>FRG100: the [RnnCell] class is not static partial. Args: the class.</summary>
    public static readonly CellDiagnosticDescriptor CellClassNotStaticPartial = Declaration("FRG100",
        "Cell class must be static partial",
        "Class '{0}' has [RnnCell] but is not 'static partial'; declare it as 'public static partial class {0}'");

    /// <summary>FRG101: [RnnCell] without [Equations]. Args: the class.</summary>
    public static readonly CellDiagnosticDescriptor MissingEquations = Declaration("FRG101",
        "Missing [Equations]",
        "Class '{0}' has [RnnCell] but no [Equations]; add [Equations(\"...\")] with one assignment per state");

    /// <summary>FRG102: [Equations] without [RnnCell]. Args: the class.</summary>
    public static readonly CellDiagnosticDescriptor EquationsWithoutRnnCell = Declaration("FRG102",
        "[Equations] without [RnnCell]",
        "Class '{0}' has [Equations] but no [RnnCell]; add [RnnCell(Gates = \"...\", States = \"...\")]");

    /// <summary>FRG103: the cell class is nested. Args: the class, the containing type.</summary>
    public static readonly CellDiagnosticDescriptor CellClassNested = Declaration("FRG103",
        "Cell class is nested",
        "Class '{0}' is nested in '{1}'; declare cell classes at namespace level");

    /// <summary>FRG104: the cell class is generic. Args: the class.</summary>
    public static readonly CellDiagnosticDescriptor CellClassGeneric = Declaration("FRG104",
        "Cell class is generic",
        "Class '{0}' is generic; a cell class cannot have type parameters, remove them");

    /// <summary>FRG105: a head size out of range. Args: the value, the largest allowed.</summary>
    public static readonly CellDiagnosticDescriptor BadHeadSize = Declaration("FRG105",
        "Invalid head size",
        "HeadSize {0} is not valid; use a head size from 1 to {1}");

    /// <summary>FRG106: a head count below one. Args: the value.</summary>
    public static readonly CellDiagnosticDescriptor BadHeadCount = Declaration("FRG106",
        "Invalid number of heads",
        "Heads {0} is not valid; use at least one head");

    /// <summary>FRG107: an RnnDType value that does not exist. Args: the value.</summary>
    public static readonly CellDiagnosticDescriptor UnsupportedDType = Declaration("FRG107",
        "Unsupported dtype",
        "DType value {0} is not supported; use RnnDType.Float32, RnnDType.BFloat16 or RnnDType.Float16");

    /// <summary>FRG108: the same specialisation twice. Args: heads, head size.</summary>
    public static readonly CellDiagnosticDescriptor DuplicateSpecialization = Declaration("FRG108",
        "Duplicate specialisation",
        "[Specialize(Heads = {0}, HeadSize = {1})] with this dtype is declared twice; remove the duplicate");

    /// <summary>FRG109 (warning): an unknown GPU in FlashRnnTargetGpus. Args: the name, the known profiles.</summary>
    public static readonly CellDiagnosticDescriptor UnknownTargetGpu = Declaration("FRG109",
        "Unknown target GPU",
        "FlashRnnTargetGpus names '{0}', which is not a known GPU profile; use one of: {1}", Warning);

    // ---- FRG150-FRG199: the kernel planner -------------------------------------------------------------------------

    /// <summary>FRG150 (warning): no fused forward plan fits. Args: cell, shape, GPU, the resource that does not fit, largest head size that fits.</summary>
    public static readonly CellDiagnosticDescriptor NoFusedForwardPlan = Planner("FRG150",
        "No fused forward kernel fits",
        "No fused forward kernel for {0} ({1}) fits on {2}: {3}; the largest head size that fits is {4}. The alternating kernel runs instead; use a smaller head size (more heads) to get the fused one");

    /// <summary>FRG151 (warning): no fused backward plan fits. Args: as <see cref="NoFusedForwardPlan"/>.</summary>
    public static readonly CellDiagnosticDescriptor NoFusedBackwardPlan = Planner("FRG151",
        "No fused backward kernel fits",
        "No fused backward kernel for {0} ({1}) fits on {2}: {3}; the largest head size that fits is {4}. The alternating backward runs instead; use a smaller head size (more heads) to get the fused one");

    /// <summary>FRG152 (warning): the planner's search stopped at its limit. Args: cell, shape, GPU, the plan used.</summary>
    public static readonly CellDiagnosticDescriptor PlannerSearchLimit = Planner("FRG152",
        "Kernel planning stopped at its search limit",
        "Planning {0} ({1}) for {2} stopped at its search limit and uses the best plan found ({3}); it may be slower than the best possible plan, declare a smaller [Specialize] shape or report the case");

    /// <summary>Every entry, in ID order.</summary>
    public static EquatableArray<CellDiagnosticDescriptor> All { get; } = EquatableArray.Create(
        UnexpectedCharacter, InvalidNumber, NumberOutOfRange, UnexpectedToken, MissingOperand, UnclosedParenthesis,
        UnmatchedCloseParenthesis, NotAnAssignment, IncompleteConditional, EmptyEquations, ExpressionTooDeep,
        InvalidName, ReservedName, DuplicateGate, DuplicateState, GateStateSameName, NoGates, NoStates,
        RecurrentNotAState, RecurrentNotSingle, OutputNotAState, DuplicateOutput, InitialSyntax, InitialNotConstant,
        InitialUnknownState, InitialDuplicate,
        UnknownName, StateNeverAssigned, StateAssignedTwice, TemporaryAssignedTwice, AssignmentToGate,
        InvalidAssignmentTarget, UnknownFunction, WrongArgumentCount, FunctionUsedAsValue, UnknownMember,
        MemberOnNonGate, ComparisonAsValue, ConditionNotComparison, FirstAsValue, DependencyCycle,
        UnusedGate, UnusedTemporary, InternalError,
        CellClassNotStaticPartial, MissingEquations, EquationsWithoutRnnCell, CellClassNested, CellClassGeneric,
        BadHeadSize, BadHeadCount, UnsupportedDType, DuplicateSpecialization, UnknownTargetGpu,
        NoFusedForwardPlan, NoFusedBackwardPlan, PlannerSearchLimit);

    private static readonly Dictionary<string, CellDiagnosticDescriptor> s_byId = Index();

    /// <summary>The entry with <paramref name="id"/>.</summary>
    /// <param name="id">An ID such as <c>FRG030</c>.</param>
    /// <exception cref="KeyNotFoundException">No entry has that ID.</exception>
    public static CellDiagnosticDescriptor ById(string id)
        => s_byId.TryGetValue(id, out CellDiagnosticDescriptor? descriptor)
            ? descriptor
            : throw new KeyNotFoundException($"No diagnostic has the ID '{id}'; the IDs are listed in DiagnosticTable.All.");

    private static Dictionary<string, CellDiagnosticDescriptor> Index()
    {
        var byId = new Dictionary<string, CellDiagnosticDescriptor>();
        foreach (CellDiagnosticDescriptor descriptor in All) byId[descriptor.Id] = descriptor;
        return byId;
    }

    private static CellDiagnosticDescriptor Language(string id, string title, string message, CellDiagnosticSeverity severity = Error)
        => new(id, title, message, severity, LanguageCategory);

    private static CellDiagnosticDescriptor Declaration(string id, string title, string message, CellDiagnosticSeverity severity = Error)
        => new(id, title, message, severity, DeclarationCategory);

    private static CellDiagnosticDescriptor Planner(string id, string title, string message)
        => new(id, title, message, Warning, PlannerCategory);
}
