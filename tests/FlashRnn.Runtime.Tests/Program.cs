using FlashRnn.Runtime.Tests.Cache;

namespace FlashRnn.Runtime.Tests;

/// <summary>
/// The test executable's entry point. With <c>--flashrnn-cache-probe</c> it is a child process of the kernel cache's
/// cross-process test; otherwise it is the xunit runner, chosen as xunit's generated entry point would choose it
/// (the Microsoft Testing Platform when started by <c>dotnet test</c>, the console runner when started directly).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == CacheProbe.Argument)
            return CacheProbe.Run(args[1..]);
        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework
                .RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
