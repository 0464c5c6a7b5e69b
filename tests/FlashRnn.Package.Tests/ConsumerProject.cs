using System.Reflection;
using System.Security;

namespace FlashRnn.Package.Tests;

/// <summary>
/// A fresh console project in a temporary folder that references the packed FlashRnn.Gen package from the local
/// feed, as a user's project would: its own csproj, NuGet.config, Program.cs and Cells.cs, nothing from the
/// repository's build settings. Sources come from this assembly's Consumer/ resources.
/// </summary>
internal sealed class ConsumerProject
{
    /// <summary>The consumer's assembly and project name.</summary>
    public const string Name = "PackageConsumer";

    private const string Configuration = "Release";

    private readonly PackedPackage _package;

    private ConsumerProject(PackedPackage package, string directory)
    {
        _package = package;
        Directory = directory;
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>The target framework: the one this test runs on, since the machine may have no other runtime.</summary>
    public static string TargetFramework => $"net{Environment.Version.Major}.0";

    /// <summary>The consumer's Cells.cs as shipped in Consumer/ (a valid cell declaration).</summary>
    public static string ValidCellsSource => ReadResource("Cells.cs");

    /// <summary>
    /// Writes the project into a new folder under the package's work directory.
    /// </summary>
    /// <param name="package">The packed package to reference.</param>
    /// <param name="folderName">The folder's name, unique within the run.</param>
    /// <param name="cellsSource">The text of Cells.cs.</param>
    /// <param name="targetGpus">The FlashRnnTargetGpus property to set in the csproj, or null to leave it unset.</param>
    public static ConsumerProject Create(PackedPackage package, string folderName, string cellsSource, string? targetGpus)
    {
        string directory = Path.Combine(package.WorkDirectory, folderName);
        System.IO.Directory.CreateDirectory(directory);

        // Empty Directory.Build.* files stop MSBuild from looking further up for ones that are not the user's.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), NuGetConfig(package.FeedDirectory));
        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), ProjectFile(package.Version, targetGpus));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ReadResource("Program.cs"));
        File.WriteAllText(Path.Combine(directory, "Cells.cs"), cellsSource);
        return new ConsumerProject(package, directory);
    }

    /// <summary>Restores and builds the project (warnings are errors in it).</summary>
    public Task<CommandResult> BuildAsync(CancellationToken cancellationToken) =>
        DotnetCli.RunAsync(Directory, ["build", Name + ".csproj", "-c", Configuration, "--disable-build-servers", "-tl:off"],
            ConsumerEnvironment, cancellationToken);

    /// <summary>Runs the built program.</summary>
    public Task<CommandResult> RunAsync(CancellationToken cancellationToken) =>
        DotnetCli.RunAsync(Directory, ["exec", Path.Combine(Directory, "bin", Configuration, TargetFramework, Name + ".dll")],
            ConsumerEnvironment, cancellationToken);

    /// <summary>The analyzer config MSBuild generated for the compiler: the build_property values the generator sees.</summary>
    public string ReadGeneratedAnalyzerConfig()
    {
        string path = Path.Combine(Directory, "obj", Configuration, TargetFramework, Name + ".GeneratedMSBuildEditorConfig.editorconfig");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"The build wrote no generated analyzer config at {path}.", path);
    }

    /// <summary>The .nupkg.metadata NuGet wrote when it extracted the package into the consumers' packages folder.</summary>
    public string ReadRestoredPackageMetadata()
    {
        string path = Path.Combine(_package.NuGetPackagesDirectory, PackedPackage.Id.ToLowerInvariant(),
            _package.Version.ToLowerInvariant(), ".nupkg.metadata");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"Restore did not extract {PackedPackage.Id} {_package.Version} to {path}.", path);
    }

    private Dictionary<string, string?> ConsumerEnvironment => new()
    {
        ["NUGET_PACKAGES"] = _package.NuGetPackagesDirectory,
    };

    // The local feed is added to the machine's package sources, not put in their place, so anything the package
    // might need transitively still restores from the usual source.
    private static string NuGetConfig(string feedDirectory) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="flashrnn-local-feed" value="{SecurityElement.Escape(feedDirectory)}" />
          </packageSources>
        </configuration>
        """;

    private static string ProjectFile(string version, string? targetGpus)
    {
        string targetGpusLine = targetGpus is null
            ? ""
            : $"\n    <FlashRnnTargetGpus>{SecurityElement.Escape(targetGpus)}</FlashRnnTargetGpus>";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{TargetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>{targetGpusLine}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedPackage.Id}" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """;
    }

    private static string ReadResource(string fileName)
    {
        string resource = "Consumer/" + fileName;
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                              ?? throw new ArgumentException($"This assembly embeds no resource '{resource}'.", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
