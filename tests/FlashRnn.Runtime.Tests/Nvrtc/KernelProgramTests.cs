using FlashRnn.Nvrtc;

namespace FlashRnn.Runtime.Tests.Nvrtc;

public class KernelProgramTests
{
    [Fact]
    public void Macro_names_must_be_identifiers()
    {
        var e = Assert.Throws<ArgumentException>("defines",
            () => new KernelProgram("k.cu", "int x;", [new("NOT AN IDENTIFIER", "1")]));
        Assert.Contains("'NOT AN IDENTIFIER'", e.Message);
        Assert.Contains("k.cu", e.Message);
    }

    [Fact]
    public void Name_and_source_are_required_and_options_cannot_be_blank()
    {
        Assert.Throws<ArgumentException>("name", () => new KernelProgram(" ", "int x;"));
        Assert.Throws<ArgumentException>("source", () => new KernelProgram("k.cu", ""));
        Assert.Throws<ArgumentException>("options", () => new KernelProgram("k.cu", "int x;", options: [""]));
    }

    [Fact]
    public void Defines_and_options_keep_their_order()
    {
        var program = new KernelProgram("k.cu", "int x;", [new("B", "2"), new("A", "1")], ["-lineinfo", "--use_fast_math"]);
        Assert.Equal(["B", "A"], program.Defines.Select(d => d.Key));
        Assert.Equal(["-lineinfo", "--use_fast_math"], program.Options);
    }
}
