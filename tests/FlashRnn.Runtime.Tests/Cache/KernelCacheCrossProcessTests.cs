using System.Diagnostics;
using FlashRnn.Cache;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Cache;

/// <summary>
/// Two processes compile the same kernel into the same folder at the same moment, then keep reading and rewriting
/// its entry for a number of rounds. With atomic writes neither ever reads a partial file: every round of both sees
/// a valid entry (no "unusable" note) with the same image, and no temporary files are left behind.
/// </summary>
public class KernelCacheCrossProcessTests
{
    private const int Rounds = 40;

    [Fact]
    public async Task Two_processes_compiling_the_same_kernel_at_once_both_succeed_and_never_see_a_partial_file()
    {
        Requires.Nvrtc();
        using var directory = new TemporaryDirectory();
        string folder = Path.Combine(directory.Path, "cache");
        string goFile = Path.Combine(directory.Path, "go");

        Process[] children = [StartProbe(folder, goFile), StartProbe(folder, goFile)];
        try
        {
            foreach (Process child in children)
                Assert.Equal("ready", await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
            File.WriteAllText(goFile, "go");

            Task<string>[] outputs = children.Select(child => child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).ToArray();
            Task<string>[] errors = children.Select(child => child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)).ToArray();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            foreach (Process child in children) await child.WaitForExitAsync(timeout.Token);

            for (int i = 0; i < children.Length; i++)
                Assert.True(children[i].ExitCode == 0, $"probe {i} exited with {children[i].ExitCode}: {await errors[i]}");

            string[][] rounds = (await Task.WhenAll(outputs))
                .Select(o => o.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToArray();
            Assert.All(rounds, lines => Assert.Equal(Rounds, lines.Length));
            string[][] fields = rounds.SelectMany(lines => lines).Select(line => line.Split(' ', 4)).ToArray();
            Assert.All(fields, f => Assert.Equal("-", f[3])); // no round ever met an unusable cache file
            Assert.Single(fields.Select(f => f[2]).Distinct()); // every round of both saw the same image
            Assert.All(fields, f => Assert.Contains(f[1], new[] { nameof(KernelCacheSource.Compiled), nameof(KernelCacheSource.Disk) }));
            Assert.Contains(fields, f => f[1] == nameof(KernelCacheSource.Disk));

            string entry = Assert.Single(Directory.GetFiles(folder)); // one entry, no temporary files left
            var cache = new KernelCache(folder);
            Assert.Equal(cache.PathOf(cache.KeyOf(TestKernels.VectorAdd, CacheProbe.Target)), entry);
        }
        finally
        {
            foreach (Process child in children)
            {
                if (!child.HasExited) child.Kill();
                child.Dispose();
            }
        }
    }

    /// <summary>Starts this test executable in probe mode, under the same host that runs the tests.</summary>
    private static Process StartProbe(string folder, string goFile)
    {
        string assembly = typeof(CacheProbe).Assembly.Location;
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as "dotnet FlashRnn.Runtime.Tests.dll" (as on the GPU machine) or through the apphost (dotnet test).
        bool hostIsApphost = Path.GetFileNameWithoutExtension(host) == Path.GetFileNameWithoutExtension(assembly);
        start.FileName = hostIsApphost ? host : DotnetHost(host);
        if (!hostIsApphost) start.ArgumentList.Add(assembly);
        foreach (string arg in new[] { CacheProbe.Argument, folder, goFile, Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
    }

    private static string DotnetHost(string processPath)
        => Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
