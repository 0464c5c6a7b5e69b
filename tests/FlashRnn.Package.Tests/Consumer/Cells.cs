// A cell the package does not ship, declared the way a user of the FlashRnn.Gen package declares one.
using FlashRnn;

namespace PackageConsumer;

/// <summary>
/// Minimal gated unit (Zhou et al., 2016): one forget gate does the work of the GRU's reset and update gates. As in
/// PyTorch's GRU, the gate scales the candidate's recurrent part after the matrix product rather than before it.
/// </summary>
[RnnCell(Gates = "f n", States = "h")]
[Equations("""
    forget = sigmoid(f)
    candidate = tanh(n.input + forget * n.recurrent)
    h = (1 - forget) * h + forget * candidate
    """)]
[Specialize(Heads = 4, HeadSize = 64, DType = RnnDType.BFloat16)]
public static partial class MinimalGatedUnit;
