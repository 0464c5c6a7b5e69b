using System.Runtime.InteropServices;

namespace FlashRnn.ConstrInt.Tests.Oracle;

/// <summary>
/// The few functions of Z3's C API the oracle needs, bound directly. Why not the Microsoft.Z3 package: it ships
/// no Linux native library, and its 4.12 managed layer over the distribution's libz3 (Debian 12: 4.8.12) both
/// misses an entry point its Context constructor calls and releases objects from the finalizer thread, which that
/// libz3 does not support (the test process crashed with SIGSEGV). A non-reference-counting context
/// (<c>Z3_mk_context</c>) frees every term when it is deleted, so nothing here needs finalizers.
/// </summary>
internal static class Z3Native
{
    private const string Library = "libz3";

    public const int False = -1;
    public const int Undefined = 0;
    public const int True = 1;

    [DllImport(Library)] public static extern IntPtr Z3_mk_config();
    [DllImport(Library)] public static extern void Z3_del_config(IntPtr config);
    [DllImport(Library)] public static extern IntPtr Z3_mk_context(IntPtr config);
    [DllImport(Library)] public static extern void Z3_del_context(IntPtr context);
    [DllImport(Library)] public static extern void Z3_set_error_handler(IntPtr context, IntPtr handler);
    [DllImport(Library)] public static extern int Z3_get_error_code(IntPtr context);
    [DllImport(Library)] public static extern IntPtr Z3_get_full_version();
    [DllImport(Library)] public static extern void Z3_global_param_set([MarshalAs(UnmanagedType.LPStr)] string id, [MarshalAs(UnmanagedType.LPStr)] string value);

    [DllImport(Library)] public static extern IntPtr Z3_mk_int_sort(IntPtr context);
    [DllImport(Library)] public static extern IntPtr Z3_mk_string_symbol(IntPtr context, [MarshalAs(UnmanagedType.LPStr)] string name);
    [DllImport(Library)] public static extern IntPtr Z3_mk_const(IntPtr context, IntPtr symbol, IntPtr sort);
    [DllImport(Library)] public static extern IntPtr Z3_mk_int64(IntPtr context, long value, IntPtr sort);

    [DllImport(Library)] public static extern IntPtr Z3_mk_add(IntPtr context, uint count, IntPtr[] terms);
    [DllImport(Library)] public static extern IntPtr Z3_mk_sub(IntPtr context, uint count, IntPtr[] terms);
    [DllImport(Library)] public static extern IntPtr Z3_mk_mul(IntPtr context, uint count, IntPtr[] terms);
    [DllImport(Library)] public static extern IntPtr Z3_mk_unary_minus(IntPtr context, IntPtr term);
    [DllImport(Library)] public static extern IntPtr Z3_mk_div(IntPtr context, IntPtr dividend, IntPtr divisor);

    [DllImport(Library)] public static extern IntPtr Z3_mk_le(IntPtr context, IntPtr a, IntPtr b);
    [DllImport(Library)] public static extern IntPtr Z3_mk_lt(IntPtr context, IntPtr a, IntPtr b);
    [DllImport(Library)] public static extern IntPtr Z3_mk_ge(IntPtr context, IntPtr a, IntPtr b);
    [DllImport(Library)] public static extern IntPtr Z3_mk_gt(IntPtr context, IntPtr a, IntPtr b);
    [DllImport(Library)] public static extern IntPtr Z3_mk_eq(IntPtr context, IntPtr a, IntPtr b);
    [DllImport(Library)] public static extern IntPtr Z3_mk_not(IntPtr context, IntPtr a);
    [DllImport(Library)] public static extern IntPtr Z3_mk_and(IntPtr context, uint count, IntPtr[] terms);
    [DllImport(Library)] public static extern IntPtr Z3_mk_or(IntPtr context, uint count, IntPtr[] terms);
    [DllImport(Library)] public static extern IntPtr Z3_mk_ite(IntPtr context, IntPtr condition, IntPtr then, IntPtr otherwise);

    [DllImport(Library)] public static extern IntPtr Z3_mk_params(IntPtr context);
    [DllImport(Library)] public static extern void Z3_params_inc_ref(IntPtr context, IntPtr parameters);
    [DllImport(Library)] public static extern void Z3_params_dec_ref(IntPtr context, IntPtr parameters);
    [DllImport(Library)] public static extern void Z3_params_set_uint(IntPtr context, IntPtr parameters, IntPtr key, uint value);

    [DllImport(Library)] public static extern IntPtr Z3_mk_optimize(IntPtr context);
    [DllImport(Library)] public static extern void Z3_optimize_inc_ref(IntPtr context, IntPtr optimize);
    [DllImport(Library)] public static extern void Z3_optimize_dec_ref(IntPtr context, IntPtr optimize);
    [DllImport(Library)] public static extern void Z3_optimize_set_params(IntPtr context, IntPtr optimize, IntPtr parameters);
    [DllImport(Library)] public static extern void Z3_optimize_assert(IntPtr context, IntPtr optimize, IntPtr term);
    [DllImport(Library)] public static extern uint Z3_optimize_minimize(IntPtr context, IntPtr optimize, IntPtr term);
    [DllImport(Library)] public static extern uint Z3_optimize_maximize(IntPtr context, IntPtr optimize, IntPtr term);
    [DllImport(Library)] public static extern int Z3_optimize_check(IntPtr context, IntPtr optimize, uint count, IntPtr[] assumptions);
    [DllImport(Library)] public static extern IntPtr Z3_optimize_get_model(IntPtr context, IntPtr optimize);

    [DllImport(Library)] public static extern IntPtr Z3_mk_solver(IntPtr context);
    [DllImport(Library)] public static extern void Z3_solver_inc_ref(IntPtr context, IntPtr solver);
    [DllImport(Library)] public static extern void Z3_solver_dec_ref(IntPtr context, IntPtr solver);
    [DllImport(Library)] public static extern void Z3_solver_set_params(IntPtr context, IntPtr solver, IntPtr parameters);
    [DllImport(Library)] public static extern void Z3_solver_assert(IntPtr context, IntPtr solver, IntPtr term);
    [DllImport(Library)] public static extern int Z3_solver_check_assumptions(IntPtr context, IntPtr solver, uint count, IntPtr[] assumptions);
    [DllImport(Library)] public static extern IntPtr Z3_solver_get_model(IntPtr context, IntPtr solver);

    [DllImport(Library)] public static extern void Z3_model_inc_ref(IntPtr context, IntPtr model);
    [DllImport(Library)] public static extern void Z3_model_dec_ref(IntPtr context, IntPtr model);

    [DllImport(Library)]
    [return: MarshalAs(UnmanagedType.I1)]
    public static extern bool Z3_model_eval(IntPtr context, IntPtr model, IntPtr term, [MarshalAs(UnmanagedType.I1)] bool completion, out IntPtr value);

    [DllImport(Library)]
    [return: MarshalAs(UnmanagedType.I1)]
    public static extern bool Z3_get_numeral_int64(IntPtr context, IntPtr numeral, out long value);
}
