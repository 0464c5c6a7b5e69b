using System.Buffers.Binary;
using System.Text;
using FlashRnn.Cuda.Interop;
using FlashRnn.Nvrtc;

namespace FlashRnn.Cuda;

/// <summary>
/// Compiled device code loaded into a context (<c>cuModuleLoadDataEx</c>): a CUBIN runs as is, PTX is compiled for
/// the device by the driver's JIT on load. Kernels are looked up by name with <see cref="GetKernel"/>; they become
/// unusable when the module is disposed.
/// </summary>
public sealed class CudaModule : IDisposable
{
    private const int JitLogBytes = 16 * 1024;
    private nint _handle;
    private readonly Dictionary<string, CudaKernel> _kernels = new(StringComparer.Ordinal);

    private CudaModule(CudaContext context, string name, nint handle)
    {
        Context = context;
        Name = name;
        _handle = handle;
    }

    /// <summary>The context the module is loaded in.</summary>
    public CudaContext Context { get; }

    /// <summary>The name used in messages (the compiled program's name).</summary>
    public string Name { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _handle == 0;

    /// <summary>Loads an NVRTC result into <paramref name="context"/> (default: <see cref="CudaContext.Default"/>).</summary>
    /// <exception cref="CudaException">The driver rejected the image; for PTX the JIT's log is in the message.</exception>
    public static CudaModule Load(KernelImage image, CudaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Load(image.Data.Span, image.Name, context);
    }

    /// <summary>
    /// Loads a CUBIN, fatbin or PTX image (PTX need not end with a NUL; one is added when missing).
    /// </summary>
    /// <param name="image">The image bytes.</param>
    /// <param name="name">A name for messages.</param>
    /// <param name="context">The context; <see langword="null"/> for the default.</param>
    /// <exception cref="CudaException">The driver rejected the image; for PTX the JIT's log is in the message.</exception>
    public static unsafe CudaModule Load(ReadOnlySpan<byte> image, string name, CudaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (image.IsEmpty) throw new ArgumentException("The module image is empty.", nameof(image));
        context ??= CudaContext.Default;
        byte[]? terminated = IsBinary(image) || image[^1] == 0 ? null : [.. image, 0];
        ReadOnlySpan<byte> bytes = terminated ?? image;

        byte[] errorLog = new byte[JitLogBytes];
        byte[] infoLog = new byte[JitLogBytes];
        JitOption* options = stackalloc JitOption[4]
        {
            JitOption.ErrorLogBuffer, JitOption.ErrorLogBufferSizeBytes, JitOption.InfoLogBuffer, JitOption.InfoLogBufferSizeBytes,
        };
        context.MakeCurrent();
        fixed (byte* imagePtr = bytes)
        fixed (byte* errorPtr = errorLog)
        fixed (byte* infoPtr = infoLog)
        {
            // Size options are passed by value in the pointer-sized slot, as the driver API specifies.
            void** values = stackalloc void*[4] { errorPtr, (void*)JitLogBytes, infoPtr, (void*)JitLogBytes };
            CudaError result = DriverApi.ModuleLoadDataEx(out nint handle, imagePtr, 4, options, values);
            if (result != CudaError.Success)
                throw CudaException.FromResult(result, "cuModuleLoadDataEx", $"Loading module '{name}'.{JitLog(errorLog)}");
            return new CudaModule(context, name, handle);
        }
    }

    /// <summary>The kernel named <paramref name="entryPoint"/> (an <c>extern "C"</c> name, or a mangled C++ name).</summary>
    /// <exception cref="CudaException">The module has no such kernel (<see cref="CudaError.NotFound"/>).</exception>
    public CudaKernel GetKernel(string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(entryPoint);
        lock (_kernels)
        {
            ThrowIfDisposed();
            if (_kernels.TryGetValue(entryPoint, out CudaKernel? known)) return known;
            Context.MakeCurrent();
            CudaError result = DriverApi.ModuleGetFunction(out nint function, _handle, entryPoint);
            if (result != CudaError.Success)
                throw CudaException.FromResult(result, "cuModuleGetFunction",
                    $"Module '{Name}' has no kernel named '{entryPoint}' (declare it extern \"C\" to keep the name unmangled).");
            return _kernels[entryPoint] = new CudaKernel(this, entryPoint, function);
        }
    }

    /// <summary>
    /// Copies the module-scope variable <paramref name="name"/> (a <c>__device__</c> or <c>__constant__</c> global,
    /// declared <c>extern "C"</c> to keep its name) into <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="CudaException">The module has no such global.</exception>
    /// <exception cref="ArgumentException">The global's size is not the destination's size.</exception>
    public unsafe void ReadGlobal<T>(string name, Span<T> destination) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfDisposed();
        Context.MakeCurrent();
        CudaError result = DriverApi.ModuleGetGlobal(out ulong pointer, out nuint bytes, _handle, name);
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, "cuModuleGetGlobal", $"Module '{Name}' has no global named '{name}'.");
        long expected = (long)destination.Length * sizeof(T);
        if ((long)bytes != expected)
            throw new ArgumentException($"Global '{name}' holds {bytes} bytes, the destination {expected}.", nameof(destination));
        fixed (T* target = destination)
        {
            result = DriverApi.MemcpyDtoH(target, pointer, bytes);
        }
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, "cuMemcpyDtoH", $"Reading global '{name}' of module '{Name}'.");
    }

    /// <summary>Unloads the module. Its kernels and later use of it throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        Context.MakeCurrent();
        _ = DriverApi.ModuleUnload(handle); // not checked: Dispose must not throw after a kernel fault
    }

    /// <inheritdoc/>
    public override string ToString() => $"CudaModule '{Name}' (device {Context.Device.Ordinal})";

    internal void ThrowIfDisposed()
    {
        if (_handle == 0) throw new ObjectDisposedException(ToString());
    }

    // ELF (CUBIN) and fatbin images are binary and must not get a terminator appended; anything else is PTX text.
    private static bool IsBinary(ReadOnlySpan<byte> image)
        => image.StartsWith("\u007FELF"u8)
           || (image.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(image) == 0xBA55ED50);

    private static string JitLog(byte[] log)
    {
        int length = Array.IndexOf(log, (byte)0);
        string text = Encoding.UTF8.GetString(log, 0, length < 0 ? log.Length : length).Trim();
        return text.Length == 0 ? "" : " JIT log: " + text;
    }
}
