using FlashRnn.Planning;

namespace FlashRnn.ConstrInt.Benchmarks;

/// <summary>A named planning case: cell shape, dtype, direction and GPU profile.</summary>
public sealed record PlanCase(string Name, KernelPlanRequest Request, string ProfileId)
{
    public static readonly PlanCase[] All =
    [
        new("LSTM 12x64 bf16 fw h100", new KernelPlanRequest(4, 2, 12, 64, KernelDType.BFloat16), "h100"),
        new("LSTM 1x768 bf16 fw h100", new KernelPlanRequest(4, 2, 1, 768, KernelDType.BFloat16), "h100"),
        new("GRU 1x768 bf16 fw h100", new KernelPlanRequest(3, 1, 1, 768, KernelDType.BFloat16), "h100"),
        new("sLSTM 12x64 bf16 bw h200", new KernelPlanRequest(4, 4, 12, 64, KernelDType.BFloat16, KernelDirection.Backward), "h200"),
        new("LSTM 3x256 fp32 fw a100", new KernelPlanRequest(4, 2, 3, 256, KernelDType.Float32), "a100"),
        new("Elman 48x16 fp16 fw l4", new KernelPlanRequest(1, 1, 48, 16, KernelDType.Float16), "l4"),
        new("LSTM 1x2048 bf16 fw h100", new KernelPlanRequest(4, 2, 1, 2048, KernelDType.BFloat16), "h100"),
        new("LSTM 1x2560 bf16 fw h100 (alternating)", new KernelPlanRequest(4, 2, 1, 2560, KernelDType.BFloat16), "h100"),
        new("LSTM 1x2048 fp32 bw a10 (alternating)", new KernelPlanRequest(4, 2, 1, 2048, KernelDType.Float32, KernelDirection.Backward), "a10"),
    ];

    public override string ToString() => Name;
}
