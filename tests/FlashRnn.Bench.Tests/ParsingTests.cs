using FlashRnn.Bench.Sweep;
using FlashRnn.Gpu;
using FlashRnn.Planning;

namespace FlashRnn.Bench.Tests;

public class ParsingTests
{
    [Theory]
    [InlineData("12x64", 12, 64)]
    [InlineData(" 1X768 ", 1, 768)]
    [InlineData("48x16", 48, 16)]
    public void Head_layouts_parse(string text, int heads, int headSize)
    {
        HeadLayout layout = HeadLayout.Parse(text);
        Assert.Equal(new HeadLayout(heads, headSize), layout);
        Assert.Equal($"{heads}x{headSize}", layout.ToString());
    }

    [Theory]
    [InlineData("12x")]
    [InlineData("0x64")]
    [InlineData("ax64")]
    [InlineData("12x64x2")]
    [InlineData("-1x64")]
    [InlineData("768")]
    public void Malformed_head_layouts_are_rejected_with_an_example(string text)
    {
        var e = Assert.Throws<FormatException>(() => HeadLayout.Parse(text));
        Assert.Contains("12x64", e.Message);
    }

    [Fact]
    public void The_paper_sweep_keeps_768_hidden_units()
    {
        Assert.Equal(["48x16", "24x32", "12x64", "6x128", "3x256", "1x768"], HeadLayout.PaperSweep.Select(l => l.ToString()));
        Assert.All(HeadLayout.PaperSweep, l => Assert.Equal(768, l.Hidden));
    }

    [Fact]
    public void Lists_keep_order_and_drop_duplicates()
    {
        IReadOnlyList<BenchDType>? dtypes = AxisParser.ParseList("fp32, bf16,fp32,bfloat16,tf32", "--dtypes", AxisNames.ParseDType);
        Assert.Equal([BenchDType.FP32, BenchDType.BF16, BenchDType.TF32], dtypes);
        Assert.Null(AxisParser.ParseList<int>(null, "--x", int.Parse));
    }

    [Fact]
    public void A_bad_item_names_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => AxisParser.ParseList("lstm,rnn", "--cells", BenchCell.Parse));
        Assert.StartsWith("--cells: 'rnn' is not a cell", e.Message);
        Assert.Contains("--cells", Assert.Throws<ArgumentException>(() => AxisParser.ParseList("lstm,,gru", "--cells", BenchCell.Parse)).Message);
    }

    [Fact]
    public void Size_ranges_double()
    {
        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256], AxisParser.ParseSizes("2..256", "--batches"));
        Assert.Equal([3, 6, 12, 100], AxisParser.ParseSizes("3..20,100,6", "--batches"));
        Assert.Equal([4], AxisParser.ParseSizes("4..4", "--batches"));
        Assert.Contains("smaller size first", Assert.Throws<ArgumentException>(() => AxisParser.ParseSizes("8..2", "--seq")).Message);
        Assert.Contains("positive integer", Assert.Throws<ArgumentException>(() => AxisParser.ParseSizes("0", "--seq")).Message);
    }

    [Theory]
    [InlineData("bf16", KernelDType.BFloat16)]
    [InlineData("BFloat16", KernelDType.BFloat16)]
    [InlineData("fp16", KernelDType.Float16)]
    [InlineData("half", KernelDType.Float16)]
    [InlineData("fp32", KernelDType.Float32)]
    [InlineData("tf32", KernelDType.Float32, Float32Products.Tf32)]
    public void DTypes_parse_and_print_their_short_name(string text, KernelDType expected, Float32Products products = Float32Products.Accurate)
    {
        BenchDType parsed = AxisNames.ParseDType(text);
        Assert.Equal(new BenchDType(expected, products), parsed);
        Assert.Equal(parsed, AxisNames.ParseDType(parsed.Name));
    }

    [Fact]
    public void Tf32_is_float32_storage_and_compares_with_the_float32_baselines()
    {
        Assert.Equal("tf32", BenchDType.TF32.Name);
        Assert.Equal("fp32", BenchDType.TF32.StorageName);
        Assert.Equal("bf16", BenchDType.BF16.StorageName);
        Assert.Contains("tf32", Assert.Throws<FormatException>(() => AxisNames.ParseDType("fp64")).Message);
    }

    [Fact]
    public void Modes_kernels_and_cells_parse()
    {
        Assert.Equal(BenchMode.ForwardBackward, AxisNames.ParseMode("fwbw"));
        Assert.Equal("fw", AxisNames.Name(AxisNames.ParseMode("FW")));
        Assert.Equal(KernelChoice.Alternating, AxisNames.ParseKernel("alt"));
        Assert.Equal("fused", AxisNames.Name(AxisNames.ParseKernel("fused")));
        Assert.Equal("slstm", BenchCell.Parse("sLSTM").Name);
        Assert.Equal("lstm", BenchCell.Parse("slstm").BaselineCell);
        Assert.Throws<FormatException>(() => AxisNames.ParseMode("bw"));
        Assert.Throws<FormatException>(() => AxisNames.ParseKernel("persistent"));
    }
}
