using System.Globalization;
using System.Security.Cryptography;
using FlashRnn.Cache;
using FlashRnn.Nvrtc;
using FlashRnn.Runtime.Tests.Support;

namespace FlashRnn.Runtime.Tests.Cache;

/// <summary>
/// The child-process side of <see cref="KernelCacheCrossProcessTests"/>: started as
/// <c>FlashRnn.Runtime.Tests --flashrnn-cache-probe FOLDER GO_FILE ROUNDS</c>, it prints <c>ready</c>, waits for the
/// parent to create GO_FILE (so that both children start together), then in each round opens a fresh cache on FOLDER
/// (so every round goes to disk or NVRTC), gets the vector-add kernel and rewrites its entry the way a concurrently
/// compiling process would. Each round prints: round, source, SHA-256 of the image, and the event's note or "-".
/// </summary>
internal static class CacheProbe
{
    public const string Argument = "--flashrnn-cache-probe";

    public static readonly CompileTarget Target = CompileTarget.Ptx(TestKernels.Ampere);

    public static int Run(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine($"usage: {Argument} FOLDER GO_FILE ROUNDS");
            return 2;
        }
        string folder = args[0];
        string goFile = args[1];
        int rounds = int.Parse(args[2], CultureInfo.InvariantCulture);

        Console.WriteLine("ready");
        Console.Out.Flush();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(goFile))
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.Error.WriteLine("the parent never said go");
                return 3;
            }
            Thread.Sleep(2);
        }

        for (int round = 0; round < rounds; round++)
        {
            var cache = new KernelCache(folder);
            KernelCacheEventArgs? resolved = null;
            cache.KernelResolved += (_, e) => resolved = e;
            KernelImage image = cache.GetOrCompile(TestKernels.VectorAdd, Target);
            string key = cache.KeyOf(TestKernels.VectorAdd, Target);
            KernelCacheFile.Write(cache.PathOf(key), key, image);
            string hash = Convert.ToHexString(SHA256.HashData(image.Data.Span));
            Console.WriteLine($"{round} {resolved!.Source} {hash} {resolved.Note ?? "-"}");
        }
        return 0;
    }
}
