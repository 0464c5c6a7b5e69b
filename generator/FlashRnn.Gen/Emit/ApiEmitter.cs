using FlashRnn.Gen.Language.Printing;

namespace FlashRnn.Gen.Emit;

/// <summary>
/// Writes a cell's public Forward and Backward methods: over host tensors (the CPU reference) and over device tensors
/// (the GPU path). Both take the same arguments in the same layout, so they share their documentation.
/// </summary>
internal static class ApiEmitter
{
    private const string Runtime = "global::FlashRnn";
    private const string Gpu = "global::FlashRnn.Gpu";
    internal const string FloatConstraint = "where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>";

    public static void WriteCpuApi(CodeWriter w, string className)
    {
        w.WriteLine($"/// <summary>The gates, states and defaults of {className}.</summary>");
        w.WriteLine($"public static {Runtime}.CellInfo Info => Pointwise.Info;");
        w.WriteLine();
        w.WriteLine($"/// <summary>Runs {className} over whole sequences on the CPU reference (all cores).</summary>");
        WriteForwardDocs(w, "Every state after every step <c>[S, B, T, NH, DH]</c> and the last states <c>[S, B, NH, DH]</c>.");
        w.WriteLine($"public static {Runtime}.RnnForwardResult<T> Forward<T>({Runtime}.HostTensor<T> wx, {Runtime}.HostTensor<T> r, {Runtime}.HostTensor<T> bias, {Runtime}.HostTensor<T>? initialStates = null)");
        w.WriteLine($"    {FloatConstraint}");
        w.WriteLine($"    => {Runtime}.Cpu.CpuReference.Forward<Pointwise, T>(wx, r, bias, initialStates);");
        w.WriteLine();
        w.WriteLine($"/// <summary>Back-propagates through {className} on the CPU reference: the gradients of a loss with respect to every input of the CPU <c>Forward</c>.</summary>");
        WriteBackwardDocs(w, "dWx <c>[B, T, G, NH, DH]</c>, dR <c>[G, NH, DH, DH]</c>, dBias <c>[G, NH, DH]</c> and dInitialStates <c>[S, B, NH, DH]</c>.");
        w.WriteLine($"public static {Runtime}.RnnGradients<T> Backward<T>({Runtime}.HostTensor<T> wx, {Runtime}.HostTensor<T> r, {Runtime}.HostTensor<T> bias, {Runtime}.HostTensor<T>? initialStates,");
        w.WriteLine($"    {Runtime}.RnnForwardResult<T> forward, {Runtime}.HostTensor<T>? dStates, {Runtime}.HostTensor<T>? dLast)");
        w.WriteLine($"    {FloatConstraint}");
        w.WriteLine($"    => {Runtime}.Cpu.CpuReference.Backward<Pointwise, T>(wx, r, bias, initialStates, forward, dStates, dLast);");
    }

    public static void WriteGpuApi(CodeWriter w, string className)
    {
        w.WriteLine($"/// <summary>The GPU side of {className}: its CUDA device functions and build-time kernel plans.</summary>");
        w.WriteLine($"public static {Gpu}.GpuCell Gpu {{ get; }} = new(Pointwise.Info, Cuda.CellFunctions, Cuda.Plans);");
        w.WriteLine();
        w.WriteLine($"/// <summary>Runs {className} over whole sequences on the GPU (fused persistent kernel when the plan fits, else the alternating one; see <see cref=\"{Gpu}.RnnKernels.KernelSelected\"/>).</summary>");
        WriteForwardDocs(w, "Every state after every step and the last states, on the device, with the kernel that ran.");
        w.WriteLine("/// <param name=\"options\">Kernel choice, stream, whether to keep the gates for the backward pass.</param>");
        w.WriteLine($"public static {Runtime}.DeviceRnnForwardResult<T> Forward<T>({Runtime}.DeviceTensor<T> wx, {Runtime}.DeviceTensor<T> r, {Runtime}.DeviceTensor<T> bias,");
        w.WriteLine($"    {Runtime}.DeviceTensor<T>? initialStates = null, {Gpu}.RnnKernelOptions? options = null)");
        w.WriteLine("    where T : unmanaged");
        w.WriteLine($"    => {Gpu}.GpuRecurrence.Forward(Gpu, wx, r, bias, initialStates, options);");
        w.WriteLine();
        w.WriteLine($"/// <summary>Back-propagates through a GPU forward pass of {className}.</summary>");
        WriteBackwardDocs(w, "dWx and dInitialStates in the storage dtype, dR and dBias in float32, on the device.");
        w.WriteLine("/// <param name=\"options\">Kernel choice and stream.</param>");
        w.WriteLine($"public static {Runtime}.DeviceRnnGradients<T> Backward<T>({Runtime}.DeviceTensor<T> wx, {Runtime}.DeviceTensor<T> r, {Runtime}.DeviceTensor<T> bias,");
        w.WriteLine($"    {Runtime}.DeviceTensor<T>? initialStates, {Runtime}.DeviceRnnForwardResult<T> forward, {Runtime}.DeviceTensor<T>? dStates, {Runtime}.DeviceTensor<T>? dLast,");
        w.WriteLine($"    {Gpu}.RnnKernelOptions? options = null)");
        w.WriteLine("    where T : unmanaged");
        w.WriteLine($"    => {Gpu}.GpuRecurrence.Backward(Gpu, wx, r, bias, initialStates, forward, dStates, dLast, options);");
    }

    private static void WriteForwardDocs(CodeWriter w, string returns)
    {
        w.WriteLine("/// <param name=\"wx\">Gate inputs <c>[B, T, G, NH, DH]</c> (the input projection, already computed).</param>");
        w.WriteLine("/// <param name=\"r\">Recurrent weights <c>[G, NH, DH, DH]</c>: <c>rec[b,g,h,j] = Σ_i s_rec[b,h,i]·R[g,h,i,j] + bias[g,h,j]</c>.</param>");
        w.WriteLine("/// <param name=\"bias\">Biases of the gates' recurrent parts <c>[G, NH, DH]</c>.</param>");
        w.WriteLine("/// <param name=\"initialStates\">Initial states <c>[S, B, NH, DH]</c>, or null for the declared initial values.</param>");
        w.WriteLine($"/// <returns>{returns}</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A shape, dtype or device does not fit the others or the cell; nothing runs.</exception>");
    }

    private static void WriteBackwardDocs(CodeWriter w, string returns)
    {
        w.WriteLine("/// <param name=\"wx\">Gate inputs of the forward pass.</param>");
        w.WriteLine("/// <param name=\"r\">Recurrent weights of the forward pass.</param>");
        w.WriteLine("/// <param name=\"bias\">Biases of the forward pass.</param>");
        w.WriteLine("/// <param name=\"initialStates\">Initial states of the forward pass, or null.</param>");
        w.WriteLine("/// <param name=\"forward\">What the forward pass returned.</param>");
        w.WriteLine("/// <param name=\"dStates\">Gradient of the loss with respect to every state at every step <c>[S, B, T, NH, DH]</c>, or null for zero.</param>");
        w.WriteLine("/// <param name=\"dLast\">Gradient of the loss with respect to the last states <c>[S, B, NH, DH]</c>, or null for zero.</param>");
        w.WriteLine($"/// <returns>{returns}</returns>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A shape, dtype or device does not fit the others or the cell; nothing runs.</exception>");
    }
}
