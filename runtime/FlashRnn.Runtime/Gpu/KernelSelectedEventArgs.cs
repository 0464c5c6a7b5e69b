using FlashRnn.Planning;

namespace FlashRnn.Gpu;

/// <summary>Which kernel a GPU call ran and why: raised for every call, so no fallback is ever silent.</summary>
public sealed class KernelSelectedEventArgs : EventArgs
{
    internal KernelSelectedEventArgs(string cell, KernelDirection direction, KernelKind kind, string shape, string device,
        string reason, KernelPlan? plan)
    {
        Cell = cell;
        Direction = direction;
        Kind = kind;
        Shape = shape;
        Device = device;
        Reason = reason;
        Plan = plan;
    }

    /// <summary>The cell's name.</summary>
    public string Cell { get; }

    /// <summary>Forward or backward.</summary>
    public KernelDirection Direction { get; }

    /// <summary>The kernel family that runs.</summary>
    public KernelKind Kind { get; }

    /// <summary>The call's shape and dtype, e.g. <c>B=16 T=1024 NH=12 DH=64 bfloat16</c>.</summary>
    public string Shape { get; }

    /// <summary>The device's name.</summary>
    public string Device { get; }

    /// <summary>Why this kernel: the plan's reason, the user's choice, or why the fused kernel does not fit.</summary>
    public string Reason { get; }

    /// <summary>The fused plan (also when it was not used), or null when none was made.</summary>
    public KernelPlan? Plan { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Cell} {Direction} [{Shape}] on {Device}: {Kind} kernel. {Reason}";
}

/// <summary>Process-wide notifications of the GPU path.</summary>
public static class RnnKernels
{
    /// <summary>
    /// Raised on the calling thread before each GPU forward or backward launches, naming the kernel and the reason
    /// (in particular when the fused kernel does not fit and the alternating one runs instead).
    /// </summary>
    public static event EventHandler<KernelSelectedEventArgs>? KernelSelected;

    internal static void Raise(KernelSelectedEventArgs args) => KernelSelected?.Invoke(null, args);
}
