using System.Text.RegularExpressions;

namespace FlashRnn.Package.Tests;

/// <summary>
/// The consumer project with a typo in its equations (<c>sigmod</c> for <c>sigmoid</c>) and FlashRnnTargetGpus left
/// unset: built once for all the tests of <see cref="MalformedCellTests"/>.
/// </summary>
public sealed class MalformedConsumer(PackedPackage package) : IAsyncLifetime
{
    /// <summary>The misspelled function name.</summary>
    public const string Typo = "sigmod";

    internal ConsumerProject Project { get; private set; } = null!;

    internal CommandResult Build { get; private set; } = null!;

    /// <summary>Cells.cs with the typo.</summary>
    public static string CellsSource { get; } = MisspellFirstSigmoid(ConsumerProject.ValidCellsSource);

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Project = ConsumerProject.Create(package, "malformed-consumer", CellsSource, targetGpus: null);
        Build = await Project.BuildAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string MisspellFirstSigmoid(string source)
    {
        const string Correct = "sigmoid(";
        int at = source.IndexOf(Correct, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("Consumer/Cells.cs should call sigmoid in its equations; the malformed variant misspells it.");
        }

        return string.Concat(source.AsSpan(0, at), Typo + "(", source.AsSpan(at + Correct.Length));
    }
}

/// <summary>A user's first mistake in a cell declaration, as the build reports it.</summary>
public sealed class MalformedCellTests(MalformedConsumer consumer) : IClassFixture<MalformedConsumer>
{
    [Fact]
    public void Misspelled_function_fails_the_build_with_FRG036_at_the_typo()
    {
        Assert.True(consumer.Build.ExitCode != 0, "The build should fail. " + consumer.Build);

        // MSBuild prints a compiler diagnostic as 'file(line,column): error ID: message'; the location is the typo
        // inside the attribute's string, not the attribute as a whole.
        (int line, int column) = LineAndColumn(MalformedConsumer.CellsSource, MalformedConsumer.Typo);
        string expected = $"Cells.cs({line},{column}): error FRG036:";
        Assert.True(consumer.Build.Output.Contains(expected, StringComparison.Ordinal),
            $"The build output should contain '{expected}'. {consumer.Build}");
        Assert.Matches(new Regex($@"error FRG036: .*'{MalformedConsumer.Typo}'.*sigmoid"), consumer.Build.Output);
    }

    [Fact]
    public void Unset_target_gpus_reaches_the_generator_as_empty()
    {
        // The props declare the property compiler-visible whether or not the project sets it; empty selects the
        // planner's default profiles.
        string analyzerConfig = consumer.Project.ReadGeneratedAnalyzerConfig();
        Assert.Matches(new Regex(@"^build_property\.FlashRnnTargetGpus = *\r?$", RegexOptions.Multiline), analyzerConfig);
    }

    private static (int Line, int Column) LineAndColumn(string text, string fragment)
    {
        int index = text.IndexOf(fragment, StringComparison.Ordinal);
        int line = 1 + text.AsSpan(0, index).Count('\n');
        int column = index - (text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1) + 1;
        return (line, column);
    }
}
