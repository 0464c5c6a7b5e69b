using FlashRnn.Cuda;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Nvrtc;

/// <summary>NVRTC needs no GPU: these run wherever NVRTC is installed (every development machine and CI).</summary>
public class NvrtcCompilerTests
{
    [Fact]
    public void Vector_add_compiles_to_PTX_for_the_requested_virtual_architecture()
    {
        Requires.Nvrtc();
        KernelImage image = NvrtcCompiler.Compile(TestKernels.VectorAdd, CompileTarget.Ptx(TestKernels.Ampere));

        Assert.Equal(KernelImageKind.Ptx, image.Kind);
        Assert.Equal("vector_add.cu", image.Name);
        Assert.Contains(".entry vector_add(", image.PtxText);
        Assert.Contains(".target sm_80", image.PtxText);
        Assert.Equal(0, image.Data.Span[^1]); // NVRTC's PTX is NUL-terminated, which cuModuleLoadData needs
        Assert.True(image.CompileTime > TimeSpan.Zero);
    }

    [Fact]
    public void A_real_architecture_gives_a_CUBIN()
    {
        Requires.Nvrtc();
        KernelImage image = NvrtcCompiler.Compile(TestKernels.VectorAdd, CompileTarget.Cubin(TestKernels.Ampere));
        Assert.Equal(KernelImageKind.Cubin, image.Kind);
        Assert.True(image.Data.Span.StartsWith("\u007FELF"u8), "a CUBIN is an ELF file");
        Assert.Null(image.PtxText);
    }

    [Fact]
    public void Every_test_kernel_compiles_to_machine_code_for_its_architecture()
    {
        // A CUBIN runs ptxas, which also checks the inline PTX (cluster barriers, mapa, st.shared::cluster).
        Requires.Nvrtc();
        foreach (var (program, architecture) in TestKernels.All)
        {
            KernelImage image = NvrtcCompiler.Compile(program, CompileTarget.Cubin(architecture));
            Assert.True(image.Data.Length > 0, program.Name);
        }
    }

    [Fact]
    public void Macros_reach_the_compiler()
    {
        Requires.Nvrtc();
        string three = NvrtcCompiler.Compile(TestKernels.Scale("3.0f"), CompileTarget.Ptx(TestKernels.Ampere)).PtxText!;
        string five = NvrtcCompiler.Compile(TestKernels.Scale("5.0f"), CompileTarget.Ptx(TestKernels.Ampere)).PtxText!;
        Assert.Contains("0f40400000", three); // 3.0f as a PTX float literal
        Assert.Contains("0f40A00000", five);  // 5.0f
        Assert.DoesNotContain("0f40A00000", three);
    }

    [Fact]
    public void Bad_source_raises_a_compilation_exception_with_the_log_and_the_options()
    {
        Requires.Nvrtc();
        var e = Assert.Throws<NvrtcCompilationException>(
            () => NvrtcCompiler.Compile(TestKernels.Broken, CompileTarget.Ptx(TestKernels.Ampere)));

        Assert.Equal(NvrtcResult.Compilation, e.Result);
        Assert.Equal("broken.cu", e.KernelName);
        Assert.Contains("undefined_name", e.Log);
        Assert.Contains("--gpu-architecture=compute_80", e.Options);
        Assert.Contains("broken.cu", e.Message);
        Assert.Contains("undefined_name", e.Message);
        Assert.Contains("--gpu-architecture=compute_80 -default-device --std=c++17", e.Message);
    }

    [Fact]
    public void An_unknown_option_is_a_compilation_failure_naming_the_option()
    {
        Requires.Nvrtc();
        var program = new KernelProgram("vector_add.cu", TestKernels.VectorAdd.Source, options: ["--no-such-option"]);
        var e = Assert.Throws<NvrtcCompilationException>(() => NvrtcCompiler.Compile(program, CompileTarget.Ptx(TestKernels.Ampere)));
        Assert.Equal(NvrtcResult.InvalidOption, e.Result);
        Assert.Contains("--no-such-option", e.Message);
    }

    [Fact]
    public void Supported_architectures_are_listed_in_order()
    {
        Requires.Nvrtc();
        IReadOnlyList<int> supported = NvrtcCompiler.SupportedArchitectures;
        Assert.Contains(80, supported);
        Assert.Equal(supported.Order(), supported);
        Assert.Equal(new CompileTarget(TestKernels.Ampere, KernelImageKind.Cubin), CompileTarget.ForArchitecture(TestKernels.Ampere));
    }

    [Fact]
    public void Options_put_the_target_first_then_the_macros_in_order_then_the_extras()
    {
        var program = new KernelProgram("k.cu", "extern \"C\" __global__ void k() {}",
            [new("FRG_HEADS", "12"), new("FRG_DEBUG", null)], ["-lineinfo"]);
        Assert.Equal(
            ["--gpu-architecture=sm_90a", "-default-device", "--std=c++17", "-DFRG_HEADS=12", "-DFRG_DEBUG", "-lineinfo"],
            NvrtcCompiler.BuildOptions(program, new CompileTarget(TestKernels.Hopper, KernelImageKind.Cubin, ArchSpecific: true)));
    }
}
