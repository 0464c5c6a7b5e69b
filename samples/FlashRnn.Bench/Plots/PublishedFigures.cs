namespace FlashRnn.Bench.Plots;

/// <summary>
/// Figures from shared/targets.md, measured by others on an NVIDIA H100 at B=16, T=1024 — published reference
/// points, drawn and labelled as such, never as measurements of this run.
/// </summary>
internal static class PublishedFigures
{
    /// <summary>The label of FlashRNN's own fused-kernel numbers.</summary>
    public const string FlashRnnLabel = "FlashRNN (paper, H100)";

    /// <summary>The label of the cuDNN anchor from targets.md.</summary>
    public const string CudnnLabel = "cuDNN LSTM fp16 (targets.md, H100)";

    public const int Batch = 16, Steps = 1024;

    /// <summary>FlashRNN fused CUDA, LSTM bf16 forward: head size → ms (48x16, 12x64, 3x256, 1x768).</summary>
    public static IReadOnlyList<(double HeadSize, double Ms)> FlashRnnLstmForward { get; } = [(16, 3.4), (64, 2.75), (256, 3.4), (768, 4.6)];

    /// <summary>FlashRNN fused CUDA, LSTM bf16 forward + backward: head size → ms (12x64, 1x768).</summary>
    public static IReadOnlyList<(double HeadSize, double Ms)> FlashRnnLstmForwardBackward { get; } = [(64, 7.8), (768, 12.9)];

    /// <summary>cuDNN persistent LSTM fp16, hidden 768 (one head of 768): forward and forward + backward ms.</summary>
    public const double CudnnLstmForwardMs = 2.1, CudnnLstmForwardBackwardMs = 6.9;
}
