using System.Runtime.InteropServices;
using FlashRnn.ConstrInt;
using static FlashRnn.ConstrInt.Tests.Oracle.Z3Native;

namespace FlashRnn.ConstrInt.Tests.Oracle;

/// <summary>Z3's answer for a problem.</summary>
internal enum Z3Status
{
    Unsatisfiable,
    Unknown,
    Satisfiable,
}

/// <summary>What Z3 says about a problem: feasibility and, with an objective, the optimal value.</summary>
internal sealed record Z3Verdict(Z3Status Status, long? Objective);

/// <summary>
/// Translates a ConstrINT <see cref="Problem"/> into Z3 integer arithmetic with the same semantics (truncating
/// division, dividend-signed remainder; a zero divisor makes a constraint false and the objective undefined), asks
/// Z3's optimizer (νZ) for the optimum, and confirms it with Z3's solver.
/// </summary>
internal static class Z3Oracle
{
    /// <summary>How often the confirming solver found a better value than Z3's optimizer.</summary>
    public static int ImprovedByConfirmation { get; private set; }

    /// <summary>The native library's version, e.g. "4.8.12.0".</summary>
    public static string Version
    {
        get
        {
            try
            {
                return Marshal.PtrToStringAnsi(Z3_get_full_version()) ?? "?";
            }
            catch (DllNotFoundException exception)
            {
                throw new InvalidOperationException("The Z3 oracle needs the native libz3 (Debian/Ubuntu: apt-get install libz3-4).", exception);
            }
        }
    }

    /// <summary>
    /// Solves with Z3. Its optimizer does not guarantee optimality for non-linear objectives (on these problems it
    /// sometimes stops at a worse value), so a plain Z3 solver then proves that no strictly better value exists,
    /// improving the incumbent until it does.
    /// </summary>
    public static Z3Verdict Solve(Problem problem, uint timeoutMs = 3_000)
    {
        LimitMemory();
        IntPtr config = Z3_mk_config();
        IntPtr context = Z3_mk_context(config);
        Z3_del_config(config);
        Z3_set_error_handler(context, IntPtr.Zero);
        try
        {
            return new Translation(context, problem).Solve(timeoutMs);
        }
        finally
        {
            Z3_del_context(context);
        }
    }

    private static bool _memoryLimited;

    /// <summary>Caps Z3's memory (MB): on hard non-linear models it otherwise grows until the OS kills the process.</summary>
    private static void LimitMemory()
    {
        if (!_memoryLimited)
        {
            Z3_global_param_set("memory_max_size", "2048");
            _memoryLimited = true;
        }
    }

    private sealed class Translation(IntPtr context, Problem problem)
    {
        private readonly IntPtr _sort = Z3_mk_int_sort(context);
        private readonly Dictionary<IntVar, IntPtr> _variables = new();

        public Z3Verdict Solve(uint timeoutMs)
        {
            var assertions = new List<IntPtr>();
            foreach (IntVar variable in problem.Variables)
            {
                IntPtr x = Z3_mk_const(context, Z3_mk_string_symbol(context, variable.Name), _sort);
                _variables[variable] = x;
                assertions.Add(Or(variable.Domain.Enumerate().Select(v => Z3_mk_eq(context, x, Int(v)))));
            }

            foreach (Constraint constraint in problem.Constraints)
            {
                var defined = new List<IntPtr>();
                IntPtr left = Translate(constraint.Relation.Left, defined);
                IntPtr right = Translate(constraint.Relation.Right, defined);
                defined.Add(Holds(constraint.Relation.Operator, left, right));
                assertions.Add(And(defined));
            }

            IntPtr parameters = Z3_mk_params(context);
            Z3_params_inc_ref(context, parameters);
            Z3_params_set_uint(context, parameters, Z3_mk_string_symbol(context, "timeout"), timeoutMs);
            try
            {
                return problem.Objective is null ? Check(assertions, parameters) : Optimise(assertions, parameters);
            }
            finally
            {
                Z3_params_dec_ref(context, parameters);
            }
        }

        private Z3Verdict Check(List<IntPtr> assertions, IntPtr parameters)
        {
            IntPtr solver = NewSolver(assertions, parameters);
            try
            {
                return new Z3Verdict(Status(Z3_solver_check_assumptions(context, solver, 0, [])), null);
            }
            finally
            {
                Z3_solver_dec_ref(context, solver);
            }
        }

        private Z3Verdict Optimise(List<IntPtr> assertions, IntPtr parameters)
        {
            var defined = new List<IntPtr>();
            IntPtr objective = Translate(problem.Objective!.Expression, defined);
            IntPtr value = Z3_mk_const(context, Z3_mk_string_symbol(context, "objective__"), _sort);
            assertions.AddRange(defined);
            assertions.Add(Z3_mk_eq(context, value, objective));
            bool minimize = problem.Objective.Sense == ObjectiveSense.Minimize;

            long best;
            IntPtr optimize = Z3_mk_optimize(context);
            Z3_optimize_inc_ref(context, optimize);
            try
            {
                Z3_optimize_set_params(context, optimize, parameters);
                foreach (IntPtr assertion in assertions)
                {
                    Z3_optimize_assert(context, optimize, assertion);
                }

                _ = minimize ? Z3_optimize_minimize(context, optimize, value) : Z3_optimize_maximize(context, optimize, value);
                Z3Status status = Status(Z3_optimize_check(context, optimize, 0, []));
                if (status != Z3Status.Satisfiable)
                {
                    return new Z3Verdict(status, null);
                }

                best = ValueIn(Z3_optimize_get_model(context, optimize), value);
            }
            finally
            {
                Z3_optimize_dec_ref(context, optimize);
            }

            IntPtr solver = NewSolver(assertions, parameters);
            try
            {
                while (true)
                {
                    IntPtr better = minimize ? Z3_mk_lt(context, value, Int(best)) : Z3_mk_gt(context, value, Int(best));
                    Z3Status status = Status(Z3_solver_check_assumptions(context, solver, 1, [better]));
                    if (status == Z3Status.Unsatisfiable)
                    {
                        return new Z3Verdict(Z3Status.Satisfiable, best);
                    }

                    if (status == Z3Status.Unknown)
                    {
                        return new Z3Verdict(Z3Status.Unknown, null);
                    }

                    best = ValueIn(Z3_solver_get_model(context, solver), value);
                    ImprovedByConfirmation++;
                }
            }
            finally
            {
                Z3_solver_dec_ref(context, solver);
            }
        }

        private IntPtr NewSolver(List<IntPtr> assertions, IntPtr parameters)
        {
            IntPtr solver = Z3_mk_solver(context);
            Z3_solver_inc_ref(context, solver);
            Z3_solver_set_params(context, solver, parameters);
            foreach (IntPtr assertion in assertions)
            {
                Z3_solver_assert(context, solver, assertion);
            }

            return solver;
        }

        private long ValueIn(IntPtr model, IntPtr term)
        {
            Z3_model_inc_ref(context, model);
            try
            {
                if (!Z3_model_eval(context, model, term, true, out IntPtr numeral) || !Z3_get_numeral_int64(context, numeral, out long value))
                {
                    throw new InvalidOperationException($"Z3 gave no integer value (error code {Z3_get_error_code(context)}).");
                }

                return value;
            }
            finally
            {
                Z3_model_dec_ref(context, model);
            }
        }

        private IntPtr Holds(RelationOperator op, IntPtr left, IntPtr right) => op switch
        {
            RelationOperator.LessOrEqual => Z3_mk_le(context, left, right),
            RelationOperator.Less => Z3_mk_lt(context, left, right),
            RelationOperator.Equal => Z3_mk_eq(context, left, right),
            RelationOperator.NotEqual => Z3_mk_not(context, Z3_mk_eq(context, left, right)),
            RelationOperator.GreaterOrEqual => Z3_mk_ge(context, left, right),
            RelationOperator.Greater => Z3_mk_gt(context, left, right),
            _ => And([NonZero(left), Z3_mk_eq(context, Remainder(right, left), Int(0))]),
        };

        private IntPtr Translate(FlashRnn.ConstrInt.IntExpr expression, List<IntPtr> defined)
        {
            switch (expression)
            {
                case ConstantExpr constant:
                    return Int(constant.Value);
                case IntVar variable:
                    return _variables[variable];
                case UnaryExpr unary:
                    return Z3_mk_unary_minus(context, Translate(unary.Operand, defined));
                case BinaryExpr binary:
                    IntPtr a = Translate(binary.Left, defined);
                    IntPtr b = Translate(binary.Right, defined);
                    switch (binary.Kind)
                    {
                        case ExprKind.Add: return Z3_mk_add(context, 2, [a, b]);
                        case ExprKind.Subtract: return Z3_mk_sub(context, 2, [a, b]);
                        case ExprKind.Multiply: return Z3_mk_mul(context, 2, [a, b]);
                        case ExprKind.Min: return Z3_mk_ite(context, Z3_mk_le(context, a, b), a, b);
                        case ExprKind.Max: return Z3_mk_ite(context, Z3_mk_ge(context, a, b), a, b);
                        case ExprKind.Divide:
                            defined.Add(NonZero(b));
                            return Quotient(a, b);
                        case ExprKind.Remainder:
                            defined.Add(NonZero(b));
                            return Remainder(a, b);
                    }

                    break;
            }

            throw new ArgumentException($"Unexpected node {expression.Kind}.", nameof(expression));
        }

        /// <summary>trunc(a / b) from Z3's Euclidean div: |a| div |b| with the sign of a*b.</summary>
        private IntPtr Quotient(IntPtr a, IntPtr b)
        {
            IntPtr zero = Int(0);
            IntPtr absA = Z3_mk_ite(context, Z3_mk_ge(context, a, zero), a, Z3_mk_unary_minus(context, a));
            IntPtr absB = Z3_mk_ite(context, Z3_mk_ge(context, b, zero), b, Z3_mk_unary_minus(context, b));
            IntPtr magnitude = Z3_mk_div(context, absA, absB);
            IntPtr sameSign = Z3_mk_eq(context, Z3_mk_ge(context, a, zero), Z3_mk_gt(context, b, zero));
            return Z3_mk_ite(context, sameSign, magnitude, Z3_mk_unary_minus(context, magnitude));
        }

        private IntPtr Remainder(IntPtr a, IntPtr b) => Z3_mk_sub(context, 2, [a, Z3_mk_mul(context, 2, [b, Quotient(a, b)])]);

        private IntPtr NonZero(IntPtr term) => Z3_mk_not(context, Z3_mk_eq(context, term, Int(0)));

        private IntPtr Int(long value) => Z3_mk_int64(context, value, _sort);

        private IntPtr And(List<IntPtr> terms) => Z3_mk_and(context, (uint)terms.Count, terms.ToArray());

        private IntPtr Or(IEnumerable<IntPtr> terms)
        {
            IntPtr[] array = terms.ToArray();
            return Z3_mk_or(context, (uint)array.Length, array);
        }

        private static Z3Status Status(int lbool) => lbool switch
        {
            Z3Native.True => Z3Status.Satisfiable,
            Z3Native.False => Z3Status.Unsatisfiable,
            _ => Z3Status.Unknown,
        };
    }
}
