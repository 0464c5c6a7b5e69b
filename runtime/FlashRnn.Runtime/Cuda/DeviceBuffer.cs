using FlashRnn.Cuda.Interop;

namespace FlashRnn.Cuda;

/// <summary>
/// A block of device memory, zero-filled when allocated. Copies to and from the host are synchronous with respect to
/// the host and ordered after earlier work on the legacy default stream and on blocking streams (every
/// <see cref="CudaStream"/> unless created non-blocking). Dispose it; memory not disposed stays allocated until the
/// process exits (there is no finalizer, because freeing from the finalizer thread could race a poisoned context).
/// </summary>
public sealed class DeviceBuffer : IDisposable
{
    private ulong _pointer;
    private readonly CudaStream? _pooledOn;
    private readonly bool _pooled;

    /// <summary>Allocates <paramref name="sizeInBytes"/> bytes on <paramref name="context"/> (default: <see cref="CudaContext.Default"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sizeInBytes"/> is not positive.</exception>
    /// <exception cref="CudaException">The allocation failed (for example out of memory).</exception>
    public DeviceBuffer(long sizeInBytes, CudaContext? context = null) : this(sizeInBytes, context, clear: true) { }

    /// <summary>
    /// Allocates without the zero fill, for outputs a kernel writes in full (the GPU path's results and workspaces).
    /// </summary>
    internal DeviceBuffer(long sizeInBytes, CudaContext? context, bool clear)
    {
        if (sizeInBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(sizeInBytes), sizeInBytes, "A device buffer needs at least one byte.");
        Context = context ?? CudaContext.Default;
        SizeInBytes = sizeInBytes;
        Context.MakeCurrent();
        CudaError result = DriverApi.MemAlloc(out ulong pointer, (nuint)sizeInBytes);
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, "cuMemAlloc_v2", $"Allocating {sizeInBytes} bytes on device {Context.Device.Ordinal}.");
        _pointer = pointer;
        if (clear) Clear();
    }

    /// <summary>The context the memory belongs to.</summary>
    public CudaContext Context { get; }

    /// <summary>Size in bytes.</summary>
    public long SizeInBytes { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _pointer == 0;

    /// <summary>The device address, as a kernel argument receives it.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public ulong DevicePointer
    {
        get
        {
            ThrowIfDisposed();
            return _pointer;
        }
    }

    /// <summary>Copies <paramref name="source"/> from the host to the buffer, starting at byte <paramref name="byteOffset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The copy would run past the end of the buffer.</exception>
    public unsafe void CopyFrom<T>(ReadOnlySpan<T> source, long byteOffset = 0) where T : unmanaged
    {
        long bytes = (long)source.Length * sizeof(T);
        ulong destination = Address(byteOffset, bytes, nameof(source));
        if (bytes == 0) return;
        Context.MakeCurrent();
        fixed (T* host = source)
            CudaException.Check(DriverApi.MemcpyHtoD(destination, host, (nuint)bytes), "cuMemcpyHtoD_v2");
    }

    /// <summary>Copies from the buffer, starting at byte <paramref name="byteOffset"/>, into <paramref name="destination"/> on the host.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The copy would run past the end of the buffer.</exception>
    public unsafe void CopyTo<T>(Span<T> destination, long byteOffset = 0) where T : unmanaged
    {
        long bytes = (long)destination.Length * sizeof(T);
        ulong source = Address(byteOffset, bytes, nameof(destination));
        if (bytes == 0) return;
        Context.MakeCurrent();
        fixed (T* host = destination)
            CudaException.Check(DriverApi.MemcpyDtoH(host, source, (nuint)bytes), "cuMemcpyDtoH_v2");
    }

    /// <summary>Copies the whole of <paramref name="source"/> (device to device) to the start of this buffer.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is larger than this buffer.</exception>
    public void CopyFrom(DeviceBuffer source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SizeInBytes > SizeInBytes)
            throw new ArgumentException($"The source holds {source.SizeInBytes} bytes but {this} holds only {SizeInBytes}.", nameof(source));
        ulong from = source.DevicePointer;
        ulong to = DevicePointer;
        Context.MakeCurrent();
        CudaException.Check(DriverApi.MemcpyDtoD(to, from, (nuint)source.SizeInBytes), "cuMemcpyDtoD_v2");
    }

    /// <summary>Sets every byte to <paramref name="value"/>, synchronously or, with a stream, ordered on that stream.</summary>
    public void Fill(byte value, CudaStream? stream = null)
    {
        ulong pointer = DevicePointer;
        Context.MakeCurrent();
        if (stream is null)
            CudaException.Check(DriverApi.MemsetD8(pointer, value, (nuint)SizeInBytes), "cuMemsetD8_v2");
        else
            CudaException.Check(DriverApi.MemsetD8Async(pointer, value, (nuint)SizeInBytes, stream.HandleFor(Context)), "cuMemsetD8Async");
    }

    /// <summary>Sets every byte to zero.</summary>
    public void Clear(CudaStream? stream = null) => Fill(0, stream);

    /// <summary>Frees the memory. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        ulong pointer = Interlocked.Exchange(ref _pointer, 0);
        if (pointer == 0) return;
        Context.MakeCurrent();
        // Not checked: after a kernel fault the context refuses every call, and Dispose must not throw on the way out.
        _ = _pooled ? DriverApi.MemFreeAsync(pointer, _pooledOn?.HandleFor(Context) ?? 0) : DriverApi.MemFree(pointer);
    }

    /// <summary>
    /// Allocates from the device's stream-ordered memory pool on <paramref name="stream"/> (null: the legacy default
    /// stream), uninitialised. The GPU path's results and workspaces come from here: after the first calls, an
    /// allocation reuses pooled memory in microseconds instead of a cuMemAlloc. The memory is ready in stream order
    /// on <paramref name="stream"/>; disposing returns it to the pool in stream order.
    /// </summary>
    internal static DeviceBuffer AllocatePooled(long sizeInBytes, CudaContext context, CudaStream? stream)
        => new(sizeInBytes, context, stream);

    private DeviceBuffer(long sizeInBytes, CudaContext context, CudaStream? stream)
    {
        if (sizeInBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(sizeInBytes), sizeInBytes, "A device buffer needs at least one byte.");
        Context = context;
        SizeInBytes = sizeInBytes;
        Context.MakeCurrent();
        MemoryPools.KeepReleasedMemory(context);
        CudaError result = DriverApi.MemAllocAsync(out ulong pointer, (nuint)sizeInBytes, stream?.HandleFor(context) ?? 0);
        if (result != CudaError.Success)
            throw CudaException.FromResult(result, "cuMemAllocAsync", $"Allocating {sizeInBytes} bytes from the pool of device {Context.Device.Ordinal}.");
        _pointer = pointer;
        _pooled = true;
        _pooledOn = stream;
    }

    /// <inheritdoc/>
    public override string ToString() => $"DeviceBuffer({SizeInBytes} bytes on device {Context.Device.Ordinal})";

    private ulong Address(long byteOffset, long bytes, string parameterName)
    {
        ulong start = DevicePointer;
        if (byteOffset < 0 || byteOffset > SizeInBytes || bytes > SizeInBytes - byteOffset)
            throw new ArgumentOutOfRangeException(parameterName,
                $"Copying {bytes} bytes at offset {byteOffset} does not fit in {this}.");
        return start + (ulong)byteOffset;
    }

    private void ThrowIfDisposed()
    {
        if (_pointer == 0) throw new ObjectDisposedException(ToString());
    }
}
