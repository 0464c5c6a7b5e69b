using System.Collections.Concurrent;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Gpu;

/// <summary>
/// A cell's GPU side, generated for every declared cell: its description, its CUDA device functions and the
/// kernel plans ConstrINT made at build time for the declared specialisations and target GPUs. It composes and
/// caches the cell's kernel programs; <see cref="GpuRecurrence"/> launches them.
/// </summary>
public sealed class GpuCell
{
    private readonly ConcurrentDictionary<string, KernelProgram> _programs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Device, KernelDirection, int, int, KernelDType, int, Float32Products), KernelPlan> _plans = new();

    /// <summary>Creates the GPU side of a cell (the generator emits this).</summary>
    /// <param name="info">The cell's gates and states.</param>
    /// <param name="cellFunctions">Its generated <c>frg_cell_forward</c>/<c>frg_cell_backward</c> CUDA source.</param>
    /// <param name="declaredPlans">Plans made at build time, for the declared specialisations and target GPUs.</param>
    public GpuCell(CellInfo info, string cellFunctions, IReadOnlyList<KernelPlan>? declaredPlans = null)
    {
        Info = info ?? throw new ArgumentNullException(nameof(info));
        CellFunctions = cellFunctions ?? throw new ArgumentNullException(nameof(cellFunctions));
        DeclaredPlans = declaredPlans ?? [];
    }

    /// <summary>The cell's gates and states.</summary>
    public CellInfo Info { get; }

    /// <summary>The cell's generated CUDA device functions.</summary>
    public string CellFunctions { get; }

    /// <summary>The plans made at build time.</summary>
    public IReadOnlyList<KernelPlan> DeclaredPlans { get; }

    /// <summary>The alternating kernels' captured step graphs (replayed when a call repeats the same buffers).</summary>
    internal StepGraphCache StepGraphs { get; } = new();

    /// <summary>
    /// The fused-kernel plan for a shape on a device: the build-time plan when one was declared for a profile with
    /// the device's resources, else ConstrINT solves it now from the device's own properties (once per shape).
    /// <paramref name="float32Products"/> applies to float32 only (the 16-bit dtypes always plan
    /// <see cref="Float32Products.Accurate"/>); build-time plans are 3xTF32, so a TF32 plan is solved at run time.
    /// </summary>
    public KernelPlan PlanFor(CudaDevice device, KernelDirection direction, int heads, int headSize, KernelDType dtype, int batchSize,
        Float32Products float32Products = Float32Products.Accurate)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (dtype != KernelDType.Float32) float32Products = Float32Products.Accurate;
        return _plans.GetOrAdd((device.PciBusId, direction, heads, headSize, dtype, batchSize, float32Products), _ =>
        {
            GpuProfile deviceProfile = DeviceProfiles.Of(device);
            GpuProfile? known = GpuProfiles.FindMatching(deviceProfile);
            foreach (KernelPlan plan in DeclaredPlans)
            {
                KernelPlanRequest r = plan.Request;
                if (known is not null && plan.ProfileId == known.Id && r.Direction == direction && r.Heads == heads &&
                    r.HeadSize == headSize && r.DType == dtype && r.Float32Products == float32Products &&
                    CoversBatch(plan, batchSize))
                    return plan;
            }
            var request = new KernelPlanRequest(Info.GateCount, Info.StateCount, heads, headSize, dtype, direction,
                TypicalBatchSize: batchSize, RecurrentState: Info.RecurrentState, Float32Products: float32Products);
            return KernelPlanner.Plan(request, deviceProfile);
        });
    }

    /// <summary>
    /// Whether a build-time plan, made for its request's typical batch size, also serves <paramref name="batchSize"/>:
    /// a fused plan serves batches that need no more batch tiles than it was planned for. A larger batch is planned
    /// anew: its grid is larger than the one ConstrINT sized (an exchange through L2 needs every CTA resident, so the
    /// build-time LSTM 1x768 plan, 128 CTAs at B = 16, could not launch at B = 32 and the call fell back to the
    /// alternating kernel: 40 ms instead of ~2, gpu-run-48).
    /// </summary>
    internal static bool CoversBatch(KernelPlan plan, int batchSize)
    {
        if (plan.Kind != KernelKind.Fused || plan.BatchTile <= 0) return true;
        int planned = (plan.Request.TypicalBatchSize + plan.BatchTile - 1) / plan.BatchTile;
        int needed = (batchSize + plan.BatchTile - 1) / plan.BatchTile;
        return needed <= planned;
    }

    /// <summary>
    /// The program of one kernel template for a dtype and shape (and, for the fused kernels, a plan), composed once
    /// and kept: the kernel cache recognises a program it has seen by reference.
    /// </summary>
    public KernelProgram Program(string template, KernelDType dtype, int heads, int headSize, KernelPlan? plan = null)
    {
        string key = $"{template}|{(int)dtype}|{heads}|{headSize}|" + (plan is null ? "" : MacroKey(plan));
        return _programs.GetOrAdd(key, _ =>
        {
            var defines = new List<KeyValuePair<string, string?>>
            {
                new("FRG_DTYPE", ((int)dtype).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("FRG_HEADS", heads.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("FRG_HEAD_SIZE", headSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            // 16-bit storage rounds to 2^-9 (bfloat16) or 2^-12 (float16) relative anyway; the fast exp/log/tanh
            // intrinsics (about 2^-11 relative, templates/frg_math.cuh) cost one MUFU instruction instead of a library
            // routine, and the cell's math dominates a step (bench/NOTES.md). float32 takes the float32 tier: exp,
            // tanh and sigmoid from the same MUFU instructions with FMA corrections, a few 1e-7 relative (the library
            // routines' slow paths were two thirds of a float32 forward step, gpu-run-40).
            defines.Add(new("FRG_FAST_MATH", dtype == KernelDType.Float32 ? "2" : "1"));
            if (plan is not null)
            {
                foreach (MacroDefinition macro in plan.GetMacroDefinitions())
                {
                    // The cell's own macros come from its generated source; dtype and shape are set above.
                    if (macro.Name is "FRG_DTYPE" or "FRG_HEADS" or "FRG_HEAD_SIZE" or "FRG_GATES" or "FRG_STATES" or "FRG_REC_STATE") continue;
                    defines.Add(new(macro.Name, macro.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            string name = $"{Info.Name}.{Path.GetFileNameWithoutExtension(template)}.{dtype}.{heads}x{headSize}";
            return new KernelProgram(name, KernelTemplates.Compose(CellFunctions, template), defines);
        });
    }

    /// <summary>
    /// The declared initial values broadcast to <c>[S, B, NH, DH]</c> on a device, made once per shape and kept:
    /// the kernels only read initial states, and a call without them should not pay an upload.
    /// </summary>
    internal DeviceTensor<T> DefaultInitialStates<T>(int batch, int heads, int headSize, CudaContext context) where T : unmanaged
    {
        var key = (context, typeof(T), batch, heads, headSize);
        return (DeviceTensor<T>)_initialStates.GetOrAdd(key, _ =>
        {
            int states = Info.StateCount, perState = batch * heads * headSize;
            var host = new T[states * perState];
            for (int k = 0; k < states; k++)
                host.AsSpan(k * perState, perState).Fill(HostValues.From<T>(Info.InitialValues[k]));
            return DeviceTensor<T>.FromSpan(host, new TensorShape(states, batch, heads, headSize), context);
        });
    }

    private readonly ConcurrentDictionary<(CudaContext, Type, int, int, int), object> _initialStates = new();

    private static string MacroKey(KernelPlan plan)
        => string.Join(",", plan.GetMacroDefinitions().Select(m => m.Name + "=" + m.Value));
}
