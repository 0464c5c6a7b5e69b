using FlashRnn.Cache;
using FlashRnn.Cpu;
using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Planning;

namespace FlashRnn.Gpu;

/// <summary>
/// Runs a cell over whole sequences on the GPU: chooses the kernel (fused persistent, or alternating per step),
/// compiles it through the kernel cache, allocates outputs and workspaces, and launches. Every shape, dtype and
/// device is checked before anything is allocated or launched; a bad call throws and writes nothing.
/// </summary>
/// <remarks>Launch protocol, arguments and workspaces follow templates/README.md.</remarks>
public static class GpuRecurrence
{
    private const int PointwiseThreads = 256, GemmThreads = 128, GemmTile = 64;

    /// <summary>
    /// For tests: fill every output and workspace with NaN bit patterns before launching, so an element a kernel
    /// fails to write shows up as NaN instead of a plausible zero.
    /// </summary>
    internal static bool PoisonOutputs { get; set; }

    /// <summary>
    /// An output or workspace: from the stream-ordered pool (reused memory, no cuMemAlloc per call) and not zero
    /// filled, because the kernels write every element (tests poison it to prove that).
    /// </summary>
    private static DeviceTensor<TElement> Output<TElement>(TensorShape shape, CudaContext context, CudaStream? stream) where TElement : unmanaged
    {
        var tensor = DeviceTensor<TElement>.Pooled(shape, context, stream);
        if (PoisonOutputs) tensor.Buffer.Fill(0xFF, stream);
        return tensor;
    }

    /// <summary>Untyped scratch a kernel writes in full before anything reads it (poisoned like outputs).</summary>
    private static DeviceBuffer Scratch(long bytes, CudaContext context, CudaStream? stream)
    {
        var buffer = DeviceBuffer.AllocatePooled(bytes, context, stream);
        if (PoisonOutputs) buffer.Fill(0xFF, stream);
        return buffer;
    }

    /// <summary>Runs the cell forward; see the generated <c>Forward</c> overloads for the tensor layouts.</summary>
    public static DeviceRnnForwardResult<T> Forward<T>(GpuCell cell, DeviceTensor<T> wx, DeviceTensor<T> r, DeviceTensor<T> bias,
        DeviceTensor<T>? initialStates, RnnKernelOptions? options = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(cell);
        options ??= RnnKernelOptions.Default;
        ValidateOptions(options);
        KernelDType dtype = DTypeOf<T>();
        RnnDims dims = Validate(cell, wx, r, bias, initialStates);
        CudaContext context = wx.Context;
        CudaStream? stream = options.Stream;
        bool keepGates = options.KeepGatesForBackward;
        if (keepGates) CompileBackwardKernelsInBackground(cell, context, dims, dtype, options);
        (KernelKind kind, KernelPlan plan, KernelSelectedEventArgs selection) =
            Choose(cell, context, KernelDirection.Forward, dims, dtype, options);

        DeviceTensor<T> initial = initialStates ?? cell.DefaultInitialStates<T>(dims.Batch, dims.Heads, dims.HeadSize, context);
        var states = Output<T>(new TensorShape(dims.States, dims.Batch, dims.Time, dims.Heads, dims.HeadSize), context, stream);
        var last = Output<T>(new TensorShape(dims.States, dims.Batch, dims.Heads, dims.HeadSize), context, stream);
        DeviceTensor<float>? gates = keepGates || kind == KernelKind.Alternating
            ? Output<float>(new TensorShape(dims.Batch, dims.Time, dims.Gates, dims.Heads, dims.HeadSize), context, stream)
            : null;
        try
        {
            if (kind == KernelKind.Fused)
                FusedForward(cell, plan, dtype, dims, wx, r, bias, initial, states, last, gates, options.Stream);
            else
                AlternatingForward(cell, dtype, dims, wx, r, bias, initial, states, last, gates!, options.Stream);
        }
        catch
        {
            states.Dispose();
            last.Dispose();
            gates?.Dispose();
            throw;
        }

        if (!keepGates && gates is not null)
        {
            gates.Dispose();
            gates = null;
        }
        return new DeviceRnnForwardResult<T>(states, last, gates, selection);
    }

    /// <summary>Back-propagates through a forward pass; see the generated <c>Backward</c> overloads.</summary>
    public static DeviceRnnGradients<T> Backward<T>(GpuCell cell, DeviceTensor<T> wx, DeviceTensor<T> r, DeviceTensor<T> bias,
        DeviceTensor<T>? initialStates, DeviceRnnForwardResult<T> forward, DeviceTensor<T>? dStates, DeviceTensor<T>? dLast,
        RnnKernelOptions? options = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(forward);
        options ??= RnnKernelOptions.Default;
        ValidateOptions(options);
        KernelDType dtype = DTypeOf<T>();
        RnnDims dims = Validate(cell, wx, r, bias, initialStates);
        RnnShapeValidator.ValidateBackward(cell.Info, wx.Shape, r.Shape, bias.Shape, initialStates?.Shape,
            forward.States.Shape, forward.Last.Shape, dStates?.Shape, dLast?.Shape);
        CudaContext context = wx.Context;
        SameDevice(context, forward.States, "forward");
        if (dStates is not null) SameDevice(context, dStates, nameof(dStates));
        if (dLast is not null) SameDevice(context, dLast, nameof(dLast));
        CudaStream? stream = options.Stream;
        (KernelKind kind, KernelPlan plan, KernelSelectedEventArgs selection) =
            Choose(cell, context, KernelDirection.Backward, dims, dtype, options);

        DeviceTensor<T> initial = initialStates ?? cell.DefaultInitialStates<T>(dims.Batch, dims.Heads, dims.HeadSize, context);
        var dWx = Output<T>(wx.Shape, context, stream);
        var dR = Output<float>(r.Shape, context, stream);
        var dBias = Output<float>(bias.Shape, context, stream);
        var dInitial = Output<T>(new TensorShape(dims.States, dims.Batch, dims.Heads, dims.HeadSize), context, stream);
        // The weight gradients read dWx when the cell's gates enter as sums (it then equals drec); the fused backward
        // writes no drec then, and only the alternating backward (whose ds_rec product reads it) needs one. drec
        // [B, T, G, NH, DH] is scratch in the modules' element type (bfloat16 in bfloat16 plans, else float32).
        (CudaKernel gradient, bool gradientReadsDwx, int drecBytes) = GradientKernel(cell, dtype, dims, context);
        DeviceBuffer? drec = kind == KernelKind.Fused && gradientReadsDwx ? null
            : Scratch(checked((long)dims.Batch * dims.Time * dims.Gates * dims.Heads * dims.HeadSize * drecBytes), context, stream);
        DeviceTensor<float>? recomputed = null;
        try
        {
            DeviceTensor<float> gates = forward.Gates ?? (recomputed = RecomputeGates(cell, dtype, dims, r, bias, initial, forward.States, options.Stream));
            if (kind == KernelKind.Fused)
                FusedBackward(cell, plan, dtype, dims, wx, r, initial, forward.States, gates, dStates, dLast, dWx, drec?.DevicePointer ?? 0, dInitial, options.Stream);
            else
                AlternatingBackward(cell, dtype, dims, wx, r, initial, forward.States, gates, dStates, dLast, dWx, drec!.DevicePointer, dInitial, options.Stream);
            WeightGradients(gradient, dims, forward.States, initial, gradientReadsDwx ? dWx.DevicePointer : drec!.DevicePointer, dR, dBias, options.Stream);
        }
        catch
        {
            dWx.Dispose();
            dR.Dispose();
            dBias.Dispose();
            dInitial.Dispose();
            throw;
        }
        finally
        {
            drec?.Dispose();
            recomputed?.Dispose();
        }
        return new DeviceRnnGradients<T>(dWx, dR, dBias, dInitial, selection);
    }

    // ---- choice -------------------------------------------------------------------------------------------------

    /// <summary>
    /// A training forward (gates kept for the backward) is followed by a backward of the same shape: its fused kernel
    /// and the weight-gradient kernels start compiling now, beside the forward's own, so a first training step
    /// costs the longest of the three NVRTC compilations rather than their sum (bench/NOTES.md, "First call"). Only
    /// the images: the backward call still chooses, checks and loads its kernel, and reports that choice itself.
    /// </summary>
    private static void CompileBackwardKernelsInBackground(GpuCell cell, CudaContext context, RnnDims dims, KernelDType dtype, RnnKernelOptions options)
    {
        CompileTarget target = CompileTarget.ForArchitecture(context.Device.ComputeCapability);
        var programs = new List<KernelProgram> { cell.Program(KernelTemplates.GradientGemm, dtype, dims.Heads, dims.HeadSize) };
        if (options.Kernel != KernelChoice.Alternating)
        {
            KernelPlan backward = cell.PlanFor(context.Device, KernelDirection.Backward, dims.Heads, dims.HeadSize, dtype, dims.Batch, options.Float32Products);
            if (backward.Kind == KernelKind.Fused)
                programs.Add(cell.Program(KernelTemplates.FusedBackward, dtype, dims.Heads, dims.HeadSize, backward));
        }
        _ = KernelCache.Default.CompileInBackground(programs, target);
    }

    private static (KernelKind, KernelPlan, KernelSelectedEventArgs) Choose(GpuCell cell, CudaContext context,
        KernelDirection direction, RnnDims dims, KernelDType dtype, RnnKernelOptions options)
    {
        CudaDevice device = context.Device;
        KernelChoice choice = options.Kernel;
        KernelPlan plan = options.FusedPlan is { } given
            ? CheckGivenPlan(given, cell, direction, dims, dtype, options)
            : cell.PlanFor(device, direction, dims.Heads, dims.HeadSize, dtype, dims.Batch, options.Float32Products);
        string shape = $"B={dims.Batch} T={dims.Time} NH={dims.Heads} DH={dims.HeadSize} {dtype}";
        string? unfit = choice == KernelChoice.Alternating ? null
            : plan.Kind == KernelKind.Fused ? LaunchProblem(cell, plan, dtype, dims, context)
            : FusedUnfitReason(plan);

        KernelKind kind;
        string reason;
        if (choice == KernelChoice.Alternating)
        {
            kind = KernelKind.Alternating;
            reason = "The alternating kernel was requested (RnnKernelOptions.Kernel).";
        }
        else if (unfit is null)
        {
            kind = KernelKind.Fused;
            reason = plan.Reason;
        }
        else if (choice == KernelChoice.Fused)
        {
            throw new InvalidOperationException(
                $"{cell.Info.Name}: the fused {direction.ToString().ToLowerInvariant()} kernel was requested but does not fit [{shape}] on {device.Name}: {unfit}");
        }
        else
        {
            kind = KernelKind.Alternating;
            reason = $"The fused kernel does not fit, so the alternating kernel runs: {unfit}";
        }

        var selection = new KernelSelectedEventArgs(cell.Info.Name, direction, kind, shape, device.Name, reason, plan);
        RnnKernels.Raise(selection);
        return (kind, plan, selection);
    }

    private static KernelPlan CheckGivenPlan(KernelPlan plan, GpuCell cell, KernelDirection direction, RnnDims dims, KernelDType dtype,
        RnnKernelOptions options)
    {
        KernelPlanRequest r = plan.Request;
        if (plan.Kind != KernelKind.Fused || r.Direction != direction || r.Gates != dims.Gates || r.States != dims.States ||
            r.Heads != dims.Heads || r.HeadSize != dims.HeadSize || r.DType != dtype || r.RecurrentState != cell.Info.RecurrentState)
            throw new ArgumentException(
                $"RnnKernelOptions.FusedPlan is a {plan.Kind} {r.Direction} plan for G={r.Gates} S={r.States} {r.Heads}x{r.HeadSize} {r.DType}; " +
                $"this call needs a Fused {direction} plan for G={dims.Gates} S={dims.States} {dims.Heads}x{dims.HeadSize} {dtype}.", "options");
        if (plan.InputStages is < 2 or > 16)
            throw new ArgumentException(
                $"RnnKernelOptions.FusedPlan.InputStages is {plan.InputStages}; the fused kernels stage a step's inputs through a ring of 2 to 16 buffers.", "options");
        if (plan.ExchangeCluster != 1 && (plan.ExchangeCluster is < 2 or > 8 || plan.UseCluster || plan.CtasPerHead <= plan.ExchangeCluster
                || plan.CtasPerHead % plan.ExchangeCluster != 0))
            throw new ArgumentException(
                $"RnnKernelOptions.FusedPlan.ExchangeCluster is {plan.ExchangeCluster} with CtasPerHead {plan.CtasPerHead}" +
                $"{(plan.UseCluster ? " and UseCluster" : "")}; clusters that share the exchange through L2 need 2 to 8 CTAs that divide " +
                "CtasPerHead and are fewer than it, without UseCluster (or 1: none).", "options");
        if (plan.BackwardRows && (direction != KernelDirection.Backward || plan.CtasPerHead < 2 || plan.UseCluster || plan.ExchangeCluster != 1))
            throw new ArgumentException(
                $"RnnKernelOptions.FusedPlan.BackwardRows is set on a {direction} plan with CtasPerHead {plan.CtasPerHead}" +
                $"{(plan.UseCluster ? " and UseCluster" : "")}{(plan.ExchangeCluster != 1 ? $" and ExchangeCluster {plan.ExchangeCluster}" : "")}; " +
                "the split by rows is a backward with the exchange through L2: CtasPerHead of 2 or more, no UseCluster, ExchangeCluster 1.", "options");
        if (plan.BackwardRowBlocks != 1 && (direction != KernelDirection.Backward || plan.BackwardRows || plan.UseCluster
                || plan.ExchangeCluster != 1 || plan.BackwardRowBlocks < 2 || plan.BackwardRowBlocks >= plan.CtasPerHead
                || plan.CtasPerHead % plan.BackwardRowBlocks != 0
                || r.Gates * plan.BackwardRowBlocks * (plan.CtasPerHead > 0 ? r.HeadSize / plan.CtasPerHead : 0) % 16 != 0))
            throw new ArgumentException(
                $"RnnKernelOptions.FusedPlan.BackwardRowBlocks is {plan.BackwardRowBlocks} on a {direction} plan with CtasPerHead {plan.CtasPerHead}" +
                $"{(plan.BackwardRows ? " and BackwardRows" : "")}{(plan.UseCluster ? " and UseCluster" : "")}" +
                $"{(plan.ExchangeCluster != 1 ? $" and ExchangeCluster {plan.ExchangeCluster}" : "")}; the grid of blocks is a backward with the " +
                "exchange through L2 (no BackwardRows, UseCluster or ExchangeCluster) whose row blocks divide CtasPerHead, are 2 or more and fewer " +
                "than it, and give a whole number of 16-wide reduction tiles (Gates x BackwardRowBlocks x HeadSize / CtasPerHead a multiple of 16); " +
                "1 is none.", "options");
        Float32Products wanted = dtype == KernelDType.Float32 ? options.Float32Products : Float32Products.Accurate;
        if (r.Float32Products != wanted)
            throw new ArgumentException(
                $"RnnKernelOptions.FusedPlan multiplies with Float32Products.{r.Float32Products} but the call asks for {wanted} " +
                "(RnnKernelOptions.Float32Products); plan with the same Float32Products or set the option to match.", "options");
        return plan;
    }

    private static void ValidateOptions(RnnKernelOptions options)
    {
        if (!Enum.IsDefined(options.Kernel))
            throw new ArgumentException($"RnnKernelOptions.Kernel is {(int)options.Kernel}; expected Auto, Fused or Alternating.", nameof(options));
        if (!Enum.IsDefined(options.Float32Products))
            throw new ArgumentException($"RnnKernelOptions.Float32Products is {(int)options.Float32Products}; expected Accurate or Tf32.", nameof(options));
    }

    private static string FusedUnfitReason(KernelPlan plan)
        => (plan.Conflict ?? plan.Reason) +
           (plan.LargestFusedHeadSize is int largest ? $" The largest head size that fits is {largest}." : "");

    /// <summary>
    /// Checks the compiled fused kernel against the device: its shared memory must fit a block, and a grid-barrier
    /// plan needs every CTA resident at once (the batch may ask for more than fit). The plan's estimate is a model;
    /// this is the kernel's own count, read from the module.
    /// </summary>
    private static string? LaunchProblem(GpuCell cell, KernelPlan plan, KernelDType dtype, RnnDims dims, CudaContext context)
    {
        (CudaKernel kernel, FusedLaunch launch) = FusedKernel(cell, plan, dtype, dims, context);
        CudaDevice device = context.Device;
        if (launch.SharedMemoryBytes > device.SharedMemoryPerBlockOptIn)
            return $"the compiled kernel needs {launch.SharedMemoryBytes} bytes of shared memory per block and the device allows {device.SharedMemoryPerBlockOptIn}.";
        if (!launch.Cooperative) return null;
        int ctas = launch.CtasPerHead * launch.BatchTiles(dims) * dims.Heads;
        // The occupancy query counts a block with more than 48 KB of dynamic shared memory as fitting nowhere until
        // the kernel may use that much (gpu-run-43: GRU 1x768's 58,880-byte plan fell back to the alternating kernel).
        launch.Prepare(kernel);
        int perSm = kernel.MaxActiveBlocksPerMultiprocessor(launch.Threads, launch.SharedMemoryBytes);
        if (perSm == 0)
            return $"the compiled kernel ({kernel.RegistersPerThread} registers x {launch.Threads} threads, {launch.SharedMemoryBytes} bytes of shared memory) does not fit on one SM, and its exchange through L2 needs every CTA resident.";
        int resident = perSm * device.MultiprocessorCount;
        if (ctas > resident)
            return $"its exchange through L2 needs all {ctas} CTAs resident at once but {resident} fit (batch {dims.Batch} is too large for this plan).";
        if (launch.ClusterSize <= 1) return null;
        // Clusters that share the exchange (FRG_EXCHANGE_CLUSTER) must each fit one GPC, which strands SMs: ask the
        // driver how many fit rather than count SMs.
        int clusters = kernel.MaxActiveClusters(launch.Configuration(dims) with { Cooperative = false });
        return clusters * launch.ClusterSize >= ctas ? null
            : $"its exchange through L2 needs all {ctas} CTAs resident at once, in clusters of {launch.ClusterSize}, but {clusters} such clusters fit ({clusters * launch.ClusterSize} CTAs).";
    }

    private static (CudaKernel Kernel, FusedLaunch Launch) FusedKernel(GpuCell cell, KernelPlan plan, KernelDType dtype, RnnDims dims, CudaContext context)
    {
        bool forward = plan.Request.Direction == KernelDirection.Forward;
        string entry = forward ? "frg_fused_forward" : "frg_fused_backward";
        KernelProgram program = cell.Program(forward ? KernelTemplates.FusedForward : KernelTemplates.FusedBackward, dtype, dims.Heads, dims.HeadSize, plan);
        CudaKernel kernel = KernelCache.Default.GetKernel(program, entry, context);
        return (kernel, FusedLaunch.Read(kernel, entry));
    }

    // ---- fused --------------------------------------------------------------------------------------------------

    private static void FusedForward<T>(GpuCell cell, KernelPlan plan, KernelDType dtype, RnnDims dims, DeviceTensor<T> wx,
        DeviceTensor<T> r, DeviceTensor<T> bias, DeviceTensor<T> initial, DeviceTensor<T> states, DeviceTensor<T> last,
        DeviceTensor<float>? gates, CudaStream? stream) where T : unmanaged
    {
        (CudaKernel kernel, FusedLaunch launch) = FusedKernel(cell, plan, dtype, dims, wx.Context);
        launch.Prepare(kernel);
        using FusedWorkspace workspace = FusedWorkspace.Allocate(launch, dims, wx.Context, stream);
        var args = new KernelArguments()
            .Add(wx).Add(r).Add(bias).Add(initial).Add(states).Add(last)
            .Add(gates is null ? 0UL : gates.DevicePointer)
            .Add(workspace.Exchange)
            .Add(dims.Batch).Add(dims.Time);
        kernel.Launch(launch.Configuration(dims), args, stream);
    }

    private static void FusedBackward<T>(GpuCell cell, KernelPlan plan, KernelDType dtype, RnnDims dims, DeviceTensor<T> wx,
        DeviceTensor<T> r, DeviceTensor<T> initial, DeviceTensor<T> states, DeviceTensor<float> gates, DeviceTensor<T>? dStates,
        DeviceTensor<T>? dLast, DeviceTensor<T> dWx, ulong drec, DeviceTensor<T> dInitial, CudaStream? stream)
        where T : unmanaged
    {
        (CudaKernel kernel, FusedLaunch launch) = FusedKernel(cell, plan, dtype, dims, wx.Context);
        launch.Prepare(kernel);
        using FusedWorkspace workspace = FusedWorkspace.Allocate(launch, dims, wx.Context, stream);
        var args = new KernelArguments()
            .Add(wx).Add(r).Add(initial).Add(states).Add(gates)
            .Add(dStates is null ? 0UL : dStates.DevicePointer).Add(dLast is null ? 0UL : dLast.DevicePointer)
            .Add(dWx).Add(drec).Add(dInitial)
            .Add(workspace.Exchange)
            .Add(dims.Batch).Add(dims.Time);
        kernel.Launch(launch.Configuration(dims), args, stream);
    }

    // ---- alternating ----------------------------------------------------------------------------------------------

    private static void AlternatingForward<T>(GpuCell cell, KernelDType dtype, RnnDims dims, DeviceTensor<T> wx, DeviceTensor<T> r,
        DeviceTensor<T> bias, DeviceTensor<T> initial, DeviceTensor<T> states, DeviceTensor<T> last, DeviceTensor<float> gates,
        CudaStream? stream) where T : unmanaged
    {
        var program = cell.Program(KernelTemplates.Alternating, dtype, dims.Heads, dims.HeadSize);
        CudaKernel gemm = KernelCache.Default.GetKernel(program, "frg_alt_rec_gemm", wx.Context);
        CudaKernel pointwise = KernelCache.Default.GetKernel(program, "frg_alt_pointwise_forward", wx.Context);
        using var stateWorkspace = Output<float>(new TensorShape(dims.States, dims.Batch, dims.Heads, dims.HeadSize), wx.Context, stream);
        (int bStride, int tStride) = GateStrides(dims);
        var gemmConfig = new LaunchConfiguration(new Dim3(CeilDiv(dims.Gates * dims.HeadSize, GemmTile), CeilDiv(dims.Batch, GemmTile), dims.Heads), GemmThreads);
        var pointwiseConfig = new LaunchConfiguration(CeilDiv(dims.Batch * dims.Heads * dims.HeadSize, PointwiseThreads), PointwiseThreads);
        string key = GraphKey("fw", dims, wx.DevicePointer, r.DevicePointer, bias.DevicePointer, initial.DevicePointer,
            states.DevicePointer, last.DevicePointer, gates.DevicePointer, stateWorkspace.DevicePointer);
        cell.StepGraphs.Run(key, wx.Context, stream, capture =>
        {
            var gemmArgs = new KernelArguments();
            var pointwiseArgs = new KernelArguments();
            for (int t = 0; t < dims.Time; t++)
            {
                gemmArgs.Clear().Add(states).Add(initial).Add(r).Add(bias).Add(gates)
                    .Add(dims.Batch).Add(dims.Time).Add(t).Add(bStride).Add(tStride);
                gemm.Launch(gemmConfig, gemmArgs, capture);
                pointwiseArgs.Clear().Add(wx).Add(gates).Add(bStride).Add(tStride).Add(initial).Add(stateWorkspace)
                    .Add(states).Add(last).Add(dims.Batch).Add(dims.Time).Add(t);
                pointwise.Launch(pointwiseConfig, pointwiseArgs, capture);
            }
        });
    }

    private static void AlternatingBackward<T>(GpuCell cell, KernelDType dtype, RnnDims dims, DeviceTensor<T> wx, DeviceTensor<T> r,
        DeviceTensor<T> initial, DeviceTensor<T> states, DeviceTensor<float> gates, DeviceTensor<T>? dStates, DeviceTensor<T>? dLast,
        DeviceTensor<T> dWx, ulong drec, DeviceTensor<T> dInitial, CudaStream? stream) where T : unmanaged
    {
        var program = cell.Program(KernelTemplates.Alternating, dtype, dims.Heads, dims.HeadSize);
        CudaKernel pointwise = KernelCache.Default.GetKernel(program, "frg_alt_pointwise_backward", wx.Context);
        CudaKernel dsGemm = KernelCache.Default.GetKernel(program, "frg_alt_ds_gemm", wx.Context);
        CudaKernel finalize = KernelCache.Default.GetKernel(program, "frg_alt_backward_finalize", wx.Context);
        using var carry = Output<float>(new TensorShape(dims.States, dims.Batch, dims.Heads, dims.HeadSize), wx.Context, stream);
        using var dsRec = Output<float>(new TensorShape(dims.Batch, dims.Heads, dims.HeadSize), wx.Context, stream);
        (int bStride, int tStride) = GateStrides(dims);
        var pointwiseConfig = new LaunchConfiguration(CeilDiv(dims.Batch * dims.Heads * dims.HeadSize, PointwiseThreads), PointwiseThreads);
        var dsConfig = new LaunchConfiguration(new Dim3(CeilDiv(dims.HeadSize, GemmTile), CeilDiv(dims.Batch, GemmTile), dims.Heads), GemmThreads);
        string key = GraphKey("bw", dims, wx.DevicePointer, r.DevicePointer, initial.DevicePointer, states.DevicePointer,
            gates.DevicePointer, dStates?.DevicePointer ?? 0, dLast?.DevicePointer ?? 0, dWx.DevicePointer, drec,
            dInitial.DevicePointer, carry.DevicePointer, dsRec.DevicePointer);
        cell.StepGraphs.Run(key, wx.Context, stream, capture =>
        {
            var args = new KernelArguments();
            for (int t = dims.Time - 1; t >= 0; t--)
            {
                args.Clear().Add(wx).Add(gates).Add(bStride).Add(tStride).Add(initial).Add(states)
                    .Add(dStates is null ? 0UL : dStates.DevicePointer).Add(dLast is null ? 0UL : dLast.DevicePointer)
                    .Add(carry).Add(dsRec).Add(dWx).Add(drec).Add(dims.Batch).Add(dims.Time).Add(t);
                pointwise.Launch(pointwiseConfig, args, capture);
                args.Clear().Add(drec).Add(r).Add(dsRec).Add(dims.Batch).Add(dims.Time).Add(t);
                dsGemm.Launch(dsConfig, args, capture);
            }
            args.Clear().Add(carry).Add(dsRec).Add(dInitial).Add(dims.Batch);
            finalize.Launch(pointwiseConfig, args, capture);
        });
    }

    /// <summary>What a captured step graph depends on: the direction, the sizes and every buffer's address.</summary>
    private static string GraphKey(string direction, RnnDims dims, params ulong[] pointers)
        => direction + "|" + dims + "|" + string.Join("|", pointers.Select(p => p.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

    // ---- shared pieces ----------------------------------------------------------------------------------------------

    private static DeviceTensor<float> RecomputeGates<T>(GpuCell cell, KernelDType dtype, RnnDims dims, DeviceTensor<T> r,
        DeviceTensor<T> bias, DeviceTensor<T> initial, DeviceTensor<T> states, CudaStream? stream) where T : unmanaged
    {
        CudaKernel kernel = KernelCache.Default.GetKernel(cell.Program(KernelTemplates.RecomputeGates, dtype, dims.Heads, dims.HeadSize), "frg_recompute_gates", r.Context);
        var gates = Output<float>(new TensorShape(dims.Batch, dims.Time, dims.Gates, dims.Heads, dims.HeadSize), r.Context, stream);
        var config = new LaunchConfiguration(new Dim3(CeilDiv(dims.Gates * dims.HeadSize, GemmTile), CeilDiv(dims.Batch * dims.Time, GemmTile), dims.Heads), GemmThreads);
        kernel.Launch(config, new KernelArguments().Add(states).Add(initial).Add(r).Add(bias).Add(gates).Add(dims.Batch).Add(dims.Time), stream);
        return gates;
    }

    /// <summary>
    /// frg_grad_r of the cell, whether it reads dWx (storage dtype) rather than drec as its gate gradient, and the
    /// bytes of one drec element that every backward module of this dtype writes: the module says both
    /// (<c>frg_grad_r_reads_dwx</c>: summed gates in bfloat16 or float32; <c>frg_drec_bytes</c>: 2 in bfloat16 plans, 4
    /// otherwise).
    /// </summary>
    private static (CudaKernel Kernel, bool ReadsDwx, int DrecBytes) GradientKernel(GpuCell cell, KernelDType dtype, RnnDims dims, CudaContext context)
    {
        var program = cell.Program(KernelTemplates.GradientGemm, dtype, dims.Heads, dims.HeadSize);
        CudaKernel gemm = KernelCache.Default.GetKernel(program, "frg_grad_r", context);
        int drecBytes = ModuleFacts.ReadInt32(gemm.Module, "frg_drec_bytes");
        if (drecBytes is not (2 or 4))
            throw new InvalidOperationException($"{program.Name}: frg_drec_bytes is {drecBytes}; expected 2 or 4 (a template out of step with the runtime).");
        return (gemm, ModuleFacts.ReadInt32(gemm.Module, "frg_grad_r_reads_dwx") != 0, drecBytes);
    }

    /// <summary>
    /// dR and dbias as one GEMM over all B·T rows: split into K-chunks across CTAs when the output tiles alone
    /// would leave most SMs idle, then summed in split order (deterministic).
    /// </summary>
    private static void WeightGradients<T>(CudaKernel gemm, RnnDims dims, DeviceTensor<T> states, DeviceTensor<T> initial,
        ulong dgate, DeviceTensor<float> dR, DeviceTensor<float> dBias, CudaStream? stream) where T : unmanaged
    {
        int rows = dims.Batch * dims.Time;
        // The module's C tile (frg_grad_r_launch: rows of DH, columns of G*DH, threads): 64 x 64, or 128 x 128 for
        // 16-bit plans with DH >= 128 (templates/grad_gemm.cu).
        int[] tile = ModuleFacts.ReadInt32s(gemm.Module, "frg_grad_r_launch", 3);
        (int tileRows, int tileColumns, int threads) = (tile[0], tile[1], tile[2]);
        int columnTiles = CeilDiv(dims.Gates * dims.HeadSize, tileColumns), rowTiles = CeilDiv(dims.HeadSize, tileRows);
        int outputTiles = dims.Heads * columnTiles * rowTiles;
        int ctasPerSm = Math.Max(1, gemm.MaxActiveBlocksPerMultiprocessor(threads));
        (int splits, int chunk) = RowSplits(rows, outputTiles, states.Context.Device.MultiprocessorCount, ctasPerSm);
        var config = new LaunchConfiguration(new Dim3(columnTiles, rowTiles, dims.Heads * splits), threads);
        if (splits == 1)
        {
            gemm.Launch(config, new KernelArguments().Add(states).Add(initial).Add(dgate).Add(dR).Add(dBias)
                .Add(dims.Batch).Add(dims.Time).Add(chunk).Add(0UL), stream);
            return;
        }

        long perSplit = (long)dims.Gates * dims.Heads * dims.HeadSize * (dims.HeadSize + 1);
        using var partial = Output<float>(new TensorShape(splits, checked((int)perSplit)), states.Context, stream);
        gemm.Launch(config, new KernelArguments().Add(states).Add(initial).Add(dgate).Add(dR).Add(dBias)
            .Add(dims.Batch).Add(dims.Time).Add(chunk).Add(partial), stream);
        CudaKernel reduce = gemm.Module.GetKernel("frg_grad_reduce");
        reduce.Launch(new LaunchConfiguration(checked((int)CeilDiv(perSplit, PointwiseThreads)), PointwiseThreads),
            new KernelArguments().Add(partial).Add(splits).Add(dR).Add(dBias), stream);
    }

    private const int SplitRowMultiple = 32, MinRowsPerSplit = 256, CtasPerSmForWeightGradients = 8, MostWeightGradientWaves = 2;

    /// <summary>
    /// The split count that finishes the GEMM in the fewest waves per unit of work. The CTA slots (SMs times the CTAs
    /// that fit one, at most eight: 64 x 64 tiles take 64 registers x 128 threads and 18 KB of shared memory) run
    /// ceil(tiles x s / slots) waves of 1/s of the rows each, so s is chosen to minimise waves(s) / s, the fewest splits
    /// among equals, over at most two waves and at least 256 rows a split (templates/README.md). The GEMM waits for each
    /// k-tile's loads before its products, so it needs its slots full to hide DRAM latency: with two CTAs per SM, LSTM
    /// 12x64's took ~300 us (gpu-run-36). Filling one wave (floor(slots / tiles)) alone is not enough: LSTM 1x768's 144
    /// tiles of 128 x 128 on 264 slots took 0.506 ms as one split, 0.487 as two (a wave and a tail of 24 CTAs) and
    /// 0.374 as three (two full waves of a third; gpu-run-65). Beyond two waves a fuller last wave saves at most a third
    /// of a wave while each split adds its partial sums' traffic to <c>frg_grad_reduce</c>.
    /// </summary>
    internal static int SplitCount(int rows, int outputTiles, int multiprocessors, int ctasPerSm = CtasPerSmForWeightGradients)
    {
        long slots = (long)Math.Clamp(ctasPerSm, 1, CtasPerSmForWeightGradients) * Math.Max(1, multiprocessors);
        long tiles = Math.Max(1, outputTiles);
        long most = Math.Min(Math.Max(1, rows / MinRowsPerSplit), Math.Max(1, MostWeightGradientWaves * slots / tiles));
        long best = 1, bestWaves = CeilDiv(tiles, slots);
        for (long splits = 2; splits <= most; splits++)
        {
            long waves = CeilDiv(tiles * splits, slots);
            if (waves * best < bestWaves * splits) // waves / splits < bestWaves / best, in integers
                (best, bestWaves) = (splits, waves);
        }
        return (int)best;
    }

    /// <summary>
    /// <see cref="SplitCount"/>'s splits as the GEMM takes them: chunks of whole 32-row groups, which can leave one
    /// split fewer (templates/tools/grad_profile.py mirrors this).
    /// </summary>
    internal static (int Splits, int Chunk) RowSplits(int rows, int outputTiles, int multiprocessors, int ctasPerSm)
    {
        int chunk = RoundUp(CeilDiv(rows, SplitCount(rows, outputTiles, multiprocessors, ctasPerSm)), SplitRowMultiple);
        return (CeilDiv(rows, chunk), chunk);
    }

    private static int RoundUp(int value, int multiple) => CeilDiv(value, multiple) * multiple;

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static (int BStride, int TStride) GateStrides(RnnDims dims)
    {
        int step = dims.Gates * dims.Heads * dims.HeadSize;
        return (dims.Time * step, step);
    }

    private static RnnDims Validate<T>(GpuCell cell, DeviceTensor<T> wx, DeviceTensor<T> r, DeviceTensor<T> bias, DeviceTensor<T>? initialStates)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(wx);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(bias);
        RnnDims dims = RnnShapeValidator.ValidateForward(cell.Info, wx.Shape, r.Shape, bias.Shape, initialStates?.Shape);
        SameDevice(wx.Context, r, nameof(r));
        SameDevice(wx.Context, bias, nameof(bias));
        if (initialStates is not null) SameDevice(wx.Context, initialStates, nameof(initialStates));
        return dims;
    }

    private static void SameDevice<T>(CudaContext expected, DeviceTensor<T> tensor, string argument) where T : unmanaged
    {
        if (tensor.IsDisposed) throw new ObjectDisposedException(argument, $"{argument} was disposed.");
        if (!ReferenceEquals(tensor.Context, expected))
            throw new ArgumentException(
                $"{argument} is on device {tensor.Context.Device.Ordinal} but wx is on device {expected.Device.Ordinal}; every tensor of a call must be on one device.",
                argument);
    }

    private static KernelDType DTypeOf<T>() where T : unmanaged => TensorDTypes.TryOf<T>() switch
    {
        TensorDType.Float32 => KernelDType.Float32,
        TensorDType.BFloat16 => KernelDType.BFloat16,
        TensorDType.Float16 => KernelDType.Float16,
        _ => throw new NotSupportedException(
            $"The GPU kernels store float, BFloat16 or Half (with float32 accumulation), not {typeof(T).Name}; use the CPU reference for float64."),
    };

    internal static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
