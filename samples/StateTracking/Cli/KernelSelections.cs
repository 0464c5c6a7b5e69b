using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace StateTracking.Cli;

/// <summary>
/// Records the first forward and the first backward kernel selection of the GPU path while it is alive
/// (<see cref="RnnKernels.KernelSelected"/>), so the command can say which kernels ran once the progress bar is done.
/// </summary>
internal sealed class KernelSelections : IDisposable
{
    /// <summary>Starts listening.</summary>
    public KernelSelections() => RnnKernels.KernelSelected += OnSelected;

    /// <summary>The first forward selection, or null when no GPU pass ran.</summary>
    public KernelSelectedEventArgs? FirstForward { get; private set; }

    /// <summary>The first backward selection, or null when no GPU backward pass ran.</summary>
    public KernelSelectedEventArgs? FirstBackward { get; private set; }

    /// <summary>Stops listening.</summary>
    public void Dispose() => RnnKernels.KernelSelected -= OnSelected;

    private void OnSelected(object? sender, KernelSelectedEventArgs selection)
    {
        if (selection.Direction == KernelDirection.Forward) FirstForward ??= selection;
        else FirstBackward ??= selection;
    }
}
