namespace FlashRnn.Cuda;

/// <summary>Checks shared by the objects that belong to one context (streams, events): alive, and in the right context.</summary>
internal static class ContextOwnership
{
    /// <summary>
    /// Returns <paramref name="handle"/> after checking it is not disposed (zero) and that <paramref name="owner"/>'s
    /// context is <paramref name="expected"/>: CUDA handles from another context fail in ways that are hard to read.
    /// </summary>
    internal static nint Require(nint handle, object owner, CudaContext ownerContext, CudaContext expected)
    {
        if (handle == 0) throw new ObjectDisposedException(owner.ToString());
        if (!ReferenceEquals(expected, ownerContext))
            throw new ArgumentException(
                $"{owner} belongs to device {ownerContext.Device.Ordinal}, but the operation runs on device {expected.Device.Ordinal}.");
        return handle;
    }
}
