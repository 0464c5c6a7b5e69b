using FlashRnn.Cuda;

namespace FlashRnn;

/// <summary>
/// A dense, row-major tensor in device memory: a <see cref="DeviceBuffer"/> with a shape and an element type
/// (<see cref="float"/>, <see cref="BFloat16"/>, <see cref="Half"/>, <see cref="double"/> or <see cref="int"/>).
/// Zero-filled when created. Copies check lengths and shapes before touching any memory, so a bad call throws and
/// leaves both sides untouched. Dispose it; use after disposal throws <see cref="ObjectDisposedException"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class DeviceTensor<T> : IDisposable where T : unmanaged
{
    /// <summary>Allocates a zero-filled tensor of the given shape on <paramref name="context"/> (default: <see cref="CudaContext.Default"/>).</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public DeviceTensor(TensorShape shape, CudaContext? context = null) : this(shape, context, clear: true) { }

    /// <summary>Wraps <paramref name="buffer"/>, whose size must be the shape's.</summary>
    internal unsafe DeviceTensor(TensorShape shape, DeviceBuffer buffer)
    {
        DType = TensorDTypes.Of<T>();
        if (buffer.SizeInBytes != shape.ElementCount * sizeof(T))
            throw new ArgumentException($"The buffer holds {buffer.SizeInBytes} bytes; shape {shape} needs {shape.ElementCount * sizeof(T)}.", nameof(buffer));
        Shape = shape;
        Buffer = buffer;
    }

    /// <summary>An uninitialised tensor from the device's stream-ordered pool (see <see cref="DeviceBuffer.AllocatePooled"/>).</summary>
    internal static unsafe DeviceTensor<T> Pooled(TensorShape shape, CudaContext context, CudaStream? stream)
        => new(shape, DeviceBuffer.AllocatePooled(checked(shape.ElementCount * sizeof(T)), context, stream));

    /// <summary>Allocates, zero-filled or not (uninitialised memory for outputs a kernel writes in full).</summary>
    internal unsafe DeviceTensor(TensorShape shape, CudaContext? context, bool clear)
    {
        DType = TensorDTypes.Of<T>();
        if (shape.Rank == 0) throw new ArgumentException("A device tensor needs at least one dimension.", nameof(shape));
        Shape = shape;
        Buffer = new DeviceBuffer(checked(shape.ElementCount * sizeof(T)), context, clear);
    }

    /// <summary>Allocates a zero-filled tensor of the given shape on the default context.</summary>
    public DeviceTensor(params int[] shape) : this(new TensorShape(shape)) { }

    /// <summary>A new device tensor holding a copy of <paramref name="host"/>.</summary>
    public static DeviceTensor<T> FromHost(HostTensor<T> host, CudaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var tensor = new DeviceTensor<T>(host.Shape, context);
        tensor.CopyFrom(host.Span);
        return tensor;
    }

    /// <summary>A new device tensor of shape <paramref name="shape"/> holding a copy of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/>'s length is not the shape's element count.</exception>
    public static DeviceTensor<T> FromSpan(ReadOnlySpan<T> data, TensorShape shape, CudaContext? context = null)
    {
        RequireLength(data.Length, shape.ElementCount, shape, nameof(data));
        var tensor = new DeviceTensor<T>(shape, context);
        tensor.CopyFrom(data);
        return tensor;
    }

    /// <summary>The dimensions.</summary>
    public TensorShape Shape { get; }

    /// <summary>The element type.</summary>
    public TensorDType DType { get; }

    /// <summary>Number of elements.</summary>
    public long Length => Shape.ElementCount;

    /// <summary>Size in bytes.</summary>
    public long SizeInBytes => Buffer.SizeInBytes;

    /// <summary>The memory behind the tensor.</summary>
    public DeviceBuffer Buffer { get; }

    /// <summary>The context the tensor lives in.</summary>
    public CudaContext Context => Buffer.Context;

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => Buffer.IsDisposed;

    /// <summary>The device address of the first element (what a <c>T*</c> kernel parameter receives).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public ulong DevicePointer
    {
        get
        {
            ThrowIfDisposed();
            return Buffer.DevicePointer;
        }
    }

    /// <summary>Copies <paramref name="source"/> (exactly <see cref="Length"/> elements, row-major) to the device.</summary>
    /// <exception cref="ArgumentException">The length differs from <see cref="Length"/>.</exception>
    public void CopyFrom(ReadOnlySpan<T> source)
    {
        ThrowIfDisposed();
        RequireLength(source.Length, Length, Shape, nameof(source));
        Buffer.CopyFrom(source);
    }

    /// <summary>Copies <paramref name="source"/>, which must have the same shape, to the device.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyFrom(HostTensor<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfDisposed();
        RequireSameShape(source.Shape, nameof(source));
        Buffer.CopyFrom<T>(source.Span);
    }

    /// <summary>Copies another device tensor of the same shape into this one (device to device).</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyFrom(DeviceTensor<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfDisposed();
        source.ThrowIfDisposed();
        RequireSameShape(source.Shape, nameof(source));
        Buffer.CopyFrom(source.Buffer);
    }

    /// <summary>Copies the tensor (row-major) into <paramref name="destination"/>, which must hold exactly <see cref="Length"/> elements.</summary>
    /// <exception cref="ArgumentException">The length differs from <see cref="Length"/>.</exception>
    public void CopyTo(Span<T> destination)
    {
        ThrowIfDisposed();
        RequireLength(destination.Length, Length, Shape, nameof(destination));
        Buffer.CopyTo(destination);
    }

    /// <summary>Copies the tensor into <paramref name="destination"/>, which must have the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(HostTensor<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ThrowIfDisposed();
        RequireSameShape(destination.Shape, nameof(destination));
        Buffer.CopyTo(destination.Span);
    }

    /// <summary>A new host tensor holding a copy of this one.</summary>
    public HostTensor<T> ToHost()
    {
        ThrowIfDisposed();
        var host = new HostTensor<T>(Shape);
        Buffer.CopyTo(host.Span);
        return host;
    }

    /// <summary>A new array holding a copy of the elements, row-major.</summary>
    public T[] ToArray() => ToHost().Array;

    /// <summary>Sets every element to zero (all bits clear), synchronously or ordered on <paramref name="stream"/>.</summary>
    public void Clear(CudaStream? stream = null)
    {
        ThrowIfDisposed();
        Buffer.Clear(stream);
    }

    /// <summary>Frees the device memory. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => Buffer.Dispose();

    /// <summary>Describes the tensor, for example <c>DeviceTensor&lt;BFloat16&gt;[2, 3] on device 0</c>.</summary>
    public override string ToString() => $"DeviceTensor<{typeof(T).Name}>{Shape} on device {Context.Device.Ordinal}";

    private void ThrowIfDisposed()
    {
        if (Buffer.IsDisposed) throw new ObjectDisposedException(ToString());
    }

    private void RequireSameShape(TensorShape other, string parameterName)
    {
        if (other != Shape)
            throw new ArgumentException($"Shape {other} does not match {this}.", parameterName);
    }

    private static void RequireLength(int actual, long expected, TensorShape shape, string parameterName)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {expected} elements for shape {shape}, got {actual}.", parameterName);
    }
}
