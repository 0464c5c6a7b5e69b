namespace FlashRnn.Runtime.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => Assert.NotNull(typeof(FlashRnn.RuntimeInfo).Assembly);
}
