using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashRnn.Cuda;

/// <summary>
/// The arguments of one kernel launch, packed the way <c>cuLaunchKernel</c> takes them: an array of pointers, one per
/// parameter, each pointing at the parameter's value. Values live in pinned arrays that are reused after
/// <see cref="Clear"/>, so a wrapper that keeps one instance per launch site allocates nothing per call once the
/// arrays have grown to fit. Add arguments in the kernel's parameter order with exactly the parameter's type
/// (<see cref="int"/> for <c>int</c>, <see cref="float"/> for <c>float</c>, a device pointer for <c>T*</c>).
/// Not thread-safe; the driver copies the values during the launch call, so the instance may be refilled right after.
/// </summary>
public sealed unsafe class KernelArguments
{
    // Every value starts on an 8-byte boundary so that any scalar or pointer is naturally aligned.
    private const int Alignment = 8;

    private byte[] _values;
    private int[] _offsets;
    private nint[] _pointers;
    private int _bytesUsed;

    /// <summary>Creates an empty argument list with room for <paramref name="capacity"/> scalar arguments before growing.</summary>
    public KernelArguments(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _values = GC.AllocateArray<byte>(capacity * Alignment, pinned: true);
        _offsets = new int[capacity];
        _pointers = GC.AllocateArray<nint>(capacity, pinned: true);
    }

    /// <summary>Number of arguments added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a value argument (a scalar, or a struct the kernel takes by value).</summary>
    public KernelArguments Add<T>(T value) where T : unmanaged
    {
        int offset = (_bytesUsed + Alignment - 1) & ~(Alignment - 1);
        Reserve(offset + sizeof(T), Count + 1);
        Unsafe.WriteUnaligned(ref _values[offset], value);
        _offsets[Count++] = offset;
        _bytesUsed = offset + sizeof(T);
        return this;
    }

    /// <summary>Appends the device address of <paramref name="buffer"/> (for a <c>T*</c> parameter).</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public KernelArguments Add(DeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Add(buffer.DevicePointer);
    }

    /// <summary>Appends the device address of <paramref name="tensor"/>'s first element (for a <c>T*</c> parameter).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public KernelArguments Add<T>(DeviceTensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Add(tensor.DevicePointer);
    }

    /// <summary>Removes every argument, keeping the storage for reuse.</summary>
    public KernelArguments Clear()
    {
        Count = 0;
        _bytesUsed = 0;
        return this;
    }

    /// <summary>A copy of argument <paramref name="index"/>'s bytes (for tests and diagnostics).</summary>
    internal ReadOnlySpan<byte> ValueBytes(int index, int size)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        return _values.AsSpan(_offsets[index], size);
    }

    /// <summary>
    /// The <c>void**</c> array for the launch. Valid until the next <see cref="Add{T}(T)"/> or <see cref="Clear"/>;
    /// the arrays are pinned, so the caller only has to keep this instance alive during the call.
    /// </summary>
    internal void** Pointers()
    {
        byte* values = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_values));
        for (int i = 0; i < Count; i++) _pointers[i] = (nint)(values + _offsets[i]);
        return (void**)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_pointers));
    }

    private void Reserve(int bytes, int count)
    {
        if (bytes > _values.Length)
        {
            byte[] grown = GC.AllocateArray<byte>(Math.Max(bytes, _values.Length * 2), pinned: true);
            _values.AsSpan(0, _bytesUsed).CopyTo(grown);
            _values = grown;
        }
        if (count > _offsets.Length)
        {
            int length = Math.Max(count, _offsets.Length * 2);
            Array.Resize(ref _offsets, length);
            _pointers = GC.AllocateArray<nint>(length, pinned: true);
        }
    }
}
