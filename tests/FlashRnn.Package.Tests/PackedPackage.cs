using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;

[assembly: AssemblyFixture(typeof(FlashRnn.Package.Tests.PackedPackage))]

namespace FlashRnn.Package.Tests;

/// <summary>
/// The FlashRnn.Gen package, packed once per test run by `dotnet pack nuget/FlashRnn.Gen.Package.csproj` into a temporary
/// folder that serves as a local NuGet feed. The folder also holds an empty NuGet packages folder for the consumer
/// projects, so a copy of the package cached by an earlier run can never stand in for this one.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
    /// <summary>The package id users reference.</summary>
    public const string Id = "FlashRnn.Gen";

    /// <summary>Temporary folder of this run: feed, package cache, build artifacts and consumer projects.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "flashrnn-package-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The local feed: the folder `dotnet pack` wrote the package into.</summary>
    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>The consumers' NuGet packages folder (NUGET_PACKAGES), empty before their first restore.</summary>
    public string NuGetPackagesDirectory => Path.Combine(WorkDirectory, "nuget-packages");

    /// <summary>The packed .nupkg file.</summary>
    public string PackagePath { get; private set; } = "";

    /// <summary>The package version, read from the packed .nuspec.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The `dotnet pack` run, with its output.</summary>
    internal CommandResult PackResult { get; private set; } = null!;

    /// <summary>The file names inside the package (forward slashes, as stored).</summary>
    public IReadOnlyList<string> Entries { get; private set; } = [];

    /// <summary>The package's manifest.</summary>
    public XDocument Nuspec { get; private set; } = null!;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(NuGetPackagesDirectory);

        // The pack builds the generator and the runtime into its own artifacts folder: it neither reads nor
        // overwrites the bin/ and obj/ folders of builds that run next to it.
        PackResult = await DotnetCli.RunAsync(RepositoryLayout.Root,
        [
            "pack", RepositoryLayout.PackagingProject, "-c", "Release", "-o", FeedDirectory,
            "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"),
            "--disable-build-servers", "-tl:off",
        ]);
        if (PackResult.ExitCode != 0)
        {
            throw new InvalidOperationException("Packing the FlashRnn.Gen package failed. " + PackResult);
        }

        string[] packages = Directory.GetFiles(FeedDirectory, "*.nupkg");
        if (packages.Length != 1)
        {
            throw new InvalidOperationException(
                $"`dotnet pack` should write exactly one .nupkg into {FeedDirectory}, found {packages.Length}. " + PackResult);
        }

        PackagePath = packages[0];
        using ZipArchive archive = ZipFile.OpenRead(PackagePath);
        Entries = archive.Entries.Select(e => e.FullName).ToArray();
        ZipArchiveEntry manifest = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using (Stream stream = manifest.Open())
        {
            Nuspec = XDocument.Load(stream);
        }

        Version = NuspecValue("version")
                  ?? throw new InvalidOperationException($"The .nuspec of {PackagePath} has no version.");
    }

    /// <summary>The text of the first element of the .nuspec's metadata with this local name, or null.</summary>
    public string? NuspecValue(string localName) =>
        Nuspec.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")?
            .Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    /// <summary>Reads one file of the package into memory.</summary>
    public byte[] ReadEntry(string fullName)
    {
        using ZipArchive archive = ZipFile.OpenRead(PackagePath);
        ZipArchiveEntry entry = archive.GetEntry(fullName)
                                ?? throw new ArgumentException($"The package has no entry '{fullName}'; it has: {string.Join(", ", Entries)}", nameof(fullName));
        using Stream stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>The package file's SHA-512 in base64, the form NuGet records as contentHash in .nupkg.metadata.</summary>
    public string ContentHash()
    {
        using FileStream stream = File.OpenRead(PackagePath);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing the run over.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
