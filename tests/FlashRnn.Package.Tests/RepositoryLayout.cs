namespace FlashRnn.Package.Tests;

/// <summary>Where the repository's files are, found from this test assembly's location (bin/ lies inside the clone).</summary>
internal static class RepositoryLayout
{
    private const string SolutionFileName = "FlashRnn.Gen.sln";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The clone's root folder: the first folder above the test assembly that holds the solution file.</summary>
    public static string Root => s_root.Value;

    /// <summary>The project that `dotnet pack` turns into the FlashRnn.Gen package.</summary>
    public static string PackagingProject => Path.Combine(Root, "nuget", "FlashRnn.Gen.Package.csproj");

    /// <summary>The shared build properties, which hold the package version.</summary>
    public static string DirectoryBuildProps => Path.Combine(Root, "Directory.Build.props");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds {SolutionFileName}; the package tests must run from a build inside the repository.");
    }
}
