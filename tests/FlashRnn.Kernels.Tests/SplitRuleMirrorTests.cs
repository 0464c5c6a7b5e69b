using System.Globalization;
using FlashRnn.Gpu;
using FlashRnn.Kernels.Tests.Support;

namespace FlashRnn.Kernels.Tests;

/// <summary>
/// templates/tools/grad_profile.py times the weight-gradient GEMM with the runtime's split count unless told
/// otherwise, from its own copy of <c>GpuRecurrence.SplitCount</c>; a copy that drifts would time splits the runtime
/// never takes. This compares the two over a grid of shapes. Skipped where python3 or the tools are missing.
/// </summary>
public class SplitRuleMirrorTests
{
    private static readonly int[] Rows = [100, 512, 4096, 16384, 262144];
    private static readonly int[] Tiles = [1, 24, 48, 96, 108, 144, 200, 576, 2000];
    private static readonly int[] Multiprocessors = [78, 132];
    private static readonly int[] CtasPerSm = [1, 2, 3, 8, 16];

    [Fact]
    public async Task Grad_profile_splits_the_rows_as_the_runtime_does()
    {
        string tools = Path.GetDirectoryName(RepositoryTools.Tool("grad_profile.py"))!;
        RepositoryTools.Require(RepositoryTools.Tool("grad_profile.py"), "python3");
        var cases = (from rows in Rows from tiles in Tiles from sms in Multiprocessors from perSm in CtasPerSm
                     select (rows, tiles, sms, perSm)).ToArray();
        string grid = string.Join(";", cases.Select(c => $"{c.rows},{c.tiles},{c.sms},{c.perSm}"));
        string program = "import sys; sys.path.insert(0, sys.argv[1]); import grad_profile as g\n"
            + "for c in sys.argv[2].split(';'): print('%d %d' % g.split_count(*map(int, c.split(','))))";

        (int exitCode, string output) = await RepositoryTools.Python(["-c", program, tools, grid], TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"python3 exited with {exitCode}:\n{output}");
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Length, lines.Length);
        for (int i = 0; i < cases.Length; i++)
        {
            var (rows, tiles, sms, perSm) = cases[i];
            (int splits, int chunk) = GpuRecurrence.RowSplits(rows, tiles, sms, perSm);
            string expected = string.Create(CultureInfo.InvariantCulture, $"{splits} {chunk}");
            Assert.True(expected == lines[i].Trim(),
                $"rows {rows}, tiles {tiles}, SMs {sms}, CTAs/SM {perSm}: runtime {expected}, grad_profile.py {lines[i].Trim()}");
        }
    }
}
