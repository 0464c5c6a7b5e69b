using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FlashRnn.Package.Tests;

/// <summary>What `dotnet pack` put into the FlashRnn.Gen package, read straight from the .nupkg.</summary>
public sealed class PackageContentsTests(PackedPackage package)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";
    private const string LibFolder = "lib/net8.0/";

    [Fact]
    public void Pack_reports_no_warnings()
    {
        // Warnings are errors in this repository, so a NU5xxx warning would already have failed the pack; this
        // names the warning should someone relax that for the packaging project.
        Assert.DoesNotMatch(new Regex(@"warning [A-Z]+\d+"), package.PackResult.Output);
    }

    [Fact]
    public void Package_carries_the_generator_the_runtime_with_docs_the_props_and_the_readme()
    {
        string[] required =
        [
            AnalyzerFolder + "FlashRnn.Gen.dll",
            LibFolder + "FlashRnn.Runtime.dll",
            LibFolder + "FlashRnn.Runtime.xml",
            "buildTransitive/FlashRnn.Gen.props",
            "README.md",
        ];
        foreach (string entry in required)
        {
            Assert.True(package.Entries.Contains(entry), $"The package lacks {entry}; it has: {string.Join(", ", package.Entries)}");
        }

        // The cell language, ConstrINT and the planner are compiled into the generator: one analyzer assembly.
        Assert.Equal([AnalyzerFolder + "FlashRnn.Gen.dll"], package.Entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));

        // Every library assembly comes with its XML docs, and lib/ holds nothing else.
        string[] lib = package.Entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).ToArray();
        Assert.All(lib, entry => Assert.StartsWith(LibFolder, entry));
        Assert.All(lib, entry => Assert.Contains(Path.GetExtension(entry), new[] { ".dll", ".xml" }));
        Assert.All(lib.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)),
            dll => Assert.Contains(Path.ChangeExtension(dll, ".xml"), lib));
    }

    [Fact]
    public void Manifest_names_id_version_license_readme_repository_and_no_dependencies()
    {
        Assert.Equal(PackedPackage.Id, package.NuspecValue("id"));
        Assert.Equal(VersionInDirectoryBuildProps(), package.Version);
        Assert.Equal("README.md", package.NuspecValue("readme"));
        Assert.False(string.IsNullOrWhiteSpace(package.NuspecValue("description")), "The package has no description.");
        Assert.Contains("lstm", (package.NuspecValue("tags") ?? "").Split(' '));

        XElement license = MetadataElement("license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("git", MetadataElement("repository").Attribute("type")?.Value);

        // The generator and runtime are inside the package; nothing else is needed from a feed.
        XElement[] dependencies = package.Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").ToArray();
        Assert.True(dependencies.Length == 0,
            "The package should have no dependencies, but it has: " + string.Join(", ", dependencies.Select(d => d.Attribute("id")?.Value)));
    }

    [Fact]
    public void Props_make_FlashRnnTargetGpus_visible_to_the_generator()
    {
        XDocument props;
        using (var stream = new MemoryStream(package.ReadEntry("buildTransitive/FlashRnn.Gen.props")))
        {
            props = XDocument.Load(stream);
        }

        string[] visible = props.Descendants()
            .Where(e => e.Name.LocalName == "CompilerVisibleProperty")
            .Select(e => e.Attribute("Include")?.Value ?? "")
            .ToArray();
        Assert.Contains("FlashRnnTargetGpus", visible);
    }

    [Fact]
    public void Generator_references_only_what_the_compiler_provides()
    {
        // Roslyn and the assemblies Roslyn itself depends on are loaded by every compiler host; anything else would
        // have to ride along in analyzers/, and a FlashRnn.* reference would mean a project reference where the
        // sources should be linked in.
        string[] providedByTheCompiler =
        [
            "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable",
            "System.Memory", "System.Buffers", "System.Numerics.Vectors", "System.Runtime.CompilerServices.Unsafe",
            "System.Reflection.Metadata", "System.Text.Encoding.CodePages", "System.Threading.Tasks.Extensions",
        ];
        string[] references = AssemblyReferences(package.ReadEntry(AnalyzerFolder + "FlashRnn.Gen.dll"));
        Assert.Contains("Microsoft.CodeAnalysis", references);
        Assert.All(references, name => Assert.True(providedByTheCompiler.Contains(name),
            $"The generator references {name}, which the compiler does not provide and the package does not carry."));
    }

    [Fact]
    public void Library_needs_nothing_beyond_the_framework_and_the_package()
    {
        string[] libAssemblies = package.Entries
            .Where(e => e.StartsWith(LibFolder, StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal))
            .ToArray();
        HashSet<string> packed = libAssemblies.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase)!;
        string frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();

        foreach (string assembly in libAssemblies)
        {
            foreach (string reference in AssemblyReferences(package.ReadEntry(assembly)))
            {
                bool resolvable = packed.Contains(reference) || File.Exists(Path.Combine(frameworkDirectory, reference + ".dll"));
                Assert.True(resolvable,
                    $"{assembly} references {reference}, which is neither in {LibFolder} nor in the shared framework; " +
                    "pack it (nuget/FlashRnn.Gen.Package.csproj) or make it a package dependency.");
            }
        }
    }

    [Fact]
    public void Runtime_carries_the_built_in_cells_already_generated()
    {
        // The built-in cells' members are generated when the runtime is built; a consumer needs no generator run
        // for them. Their Pointwise structs exist only if the generator ran.
        using var pe = new PEReader(new MemoryStream(package.ReadEntry(LibFolder + "FlashRnn.Runtime.dll")));
        MetadataReader metadata = pe.GetMetadataReader();
        string[] cellsWithPointwise = metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Where(t => metadata.GetString(t.Name) == "Pointwise" && t.GetDeclaringType() is { IsNil: false })
            .Select(t => metadata.GetTypeDefinition(t.GetDeclaringType()))
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name))
            .ToArray();
        Assert.Contains("FlashRnn.Cells.Lstm", cellsWithPointwise);
        Assert.Contains("FlashRnn.Cells.Gru", cellsWithPointwise);
    }

    private XElement MetadataElement(string localName) =>
        package.Nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)
        ?? throw new Xunit.Sdk.XunitException($"The .nuspec has no <{localName}> element:{Environment.NewLine}{package.Nuspec}");

    private static string VersionInDirectoryBuildProps() =>
        XDocument.Load(RepositoryLayout.DirectoryBuildProps).Descendants().First(e => e.Name.LocalName == "Version").Value.Trim();

    private static string[] AssemblyReferences(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
    }
}
