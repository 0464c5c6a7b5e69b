using System.Runtime.InteropServices;
using FlashRnn.Cuda;

namespace FlashRnn.Runtime.Tests.Cpu;

public class KernelArgumentsTests
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Pair
    {
        public int A;
        public float B;
    }

    [Fact]
    public unsafe void Each_pointer_points_at_its_value_on_an_8_byte_boundary()
    {
        var arguments = new KernelArguments()
            .Add(42)
            .Add(1.5f)
            .Add(0xDEADBEEF_00C0FFEEUL)
            .Add(new Pair { A = 7, B = -2f })
            .Add((short)-3);

        void** pointers = arguments.Pointers();
        Assert.Equal(5, arguments.Count);
        for (int i = 0; i < arguments.Count; i++) Assert.Equal(0, (long)pointers[i] % 8);
        Assert.Equal(42, *(int*)pointers[0]);
        Assert.Equal(1.5f, *(float*)pointers[1]);
        Assert.Equal(0xDEADBEEF_00C0FFEEUL, *(ulong*)pointers[2]);
        Assert.Equal(7, ((Pair*)pointers[3])->A);
        Assert.Equal(-2f, ((Pair*)pointers[3])->B);
        Assert.Equal(-3, *(short*)pointers[4]);
        GC.KeepAlive(arguments);
    }

    [Fact]
    public unsafe void Growing_past_the_capacity_keeps_every_value()
    {
        var arguments = new KernelArguments(capacity: 2);
        for (int i = 0; i < 100; i++) arguments.Add((long)i * 1_000_000_007L);
        void** pointers = arguments.Pointers();
        for (int i = 0; i < 100; i++) Assert.Equal((long)i * 1_000_000_007L, *(long*)pointers[i]);
        GC.KeepAlive(arguments);
    }

    [Fact]
    public unsafe void Clear_empties_the_list_for_reuse()
    {
        var arguments = new KernelArguments().Add(1).Add(2);
        arguments.Clear().Add(3);
        Assert.Equal(1, arguments.Count);
        Assert.Equal(3, *(int*)arguments.Pointers()[0]);
        Assert.Equal(BitConverter.GetBytes(3), arguments.ValueBytes(0, 4).ToArray());
        GC.KeepAlive(arguments);
    }

    [Fact]
    public void Capacity_must_be_positive()
        => Assert.Throws<ArgumentOutOfRangeException>("capacity", () => new KernelArguments(0));
}
