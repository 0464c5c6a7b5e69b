using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlashRnn.Package.Tests;

/// <summary>
/// A fresh console project that references the package, declares a cell of its own, sets FlashRnnTargetGpus to h100,
/// builds with warnings as errors and runs: built and run once for all the tests of <see cref="ConsumerAppTests"/>.
/// </summary>
public sealed class WorkingConsumer(PackedPackage package) : IAsyncLifetime
{
    /// <summary>The GPU profile the consumer selects.</summary>
    public const string TargetGpus = "h100";

    internal ConsumerProject Project { get; private set; } = null!;

    internal CommandResult Build { get; private set; } = null!;

    /// <summary>The program's run, or null when the build failed.</summary>
    internal CommandResult? Run { get; private set; }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Project = ConsumerProject.Create(package, "working-consumer", ConsumerProject.ValidCellsSource, TargetGpus);
        Build = await Project.BuildAsync(CancellationToken.None);
        if (Build.ExitCode == 0)
        {
            Run = await Project.RunAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The package as a user meets it: add it, declare a cell, build, run.</summary>
public sealed class ConsumerAppTests(PackedPackage package, WorkingConsumer consumer) : IClassFixture<WorkingConsumer>
{
    [Fact]
    public void Builds_with_warnings_as_errors_and_reports_no_warning()
    {
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());
        Assert.DoesNotMatch(new Regex(@"warning [A-Z]+\d+"), consumer.Build.Output);
    }

    [Fact]
    public void Custom_cell_runs_forward_and_backward_with_a_passing_gradient_check()
    {
        Assert.Matches(@"^MinimalGatedUnit gates \[f n\] states \[h\]: forward .+, backward .+: gradient check passed$",
            ReportLine("MinimalGatedUnit gates "));
    }

    [Fact]
    public void Built_in_lstm_from_the_library_runs_forward_and_backward()
    {
        Assert.Matches(@"^Lstm gates \[i f z o\] states \[h c\]: forward .+, backward .+: gradient check passed$",
            ReportLine("Lstm gates "));
    }

    [Fact]
    public void Program_exits_with_zero()
    {
        // The exit code counts failed gradient checks; an unhandled exception would make it non-zero as well.
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());
        Assert.True(consumer.Run!.ExitCode == 0, consumer.Run.ToString());
    }

    [Fact]
    public void Target_gpus_property_reaches_the_analyzer_config()
    {
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());
        string analyzerConfig = consumer.Project.ReadGeneratedAnalyzerConfig();
        Assert.Matches(new Regex($@"^build_property\.FlashRnnTargetGpus = {WorkingConsumer.TargetGpus}\r?$", RegexOptions.Multiline), analyzerConfig);
    }

    [Fact]
    public void Generator_plans_kernels_for_the_selected_gpu_only()
    {
        // The program lists MinimalGatedUnit.Cuda.Plans, the table the generator wrote at build time for the cell's
        // [Specialize] shape: with FlashRnnTargetGpus = h100 every plan is for h100 (unset, all profiles appear).
        const string Prefix = "MinimalGatedUnit plans made at build time: ";
        string[] plans = ReportLine(Prefix)[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["h100 Backward", "h100 Forward"], plans.Select(p => string.Join(' ', p.Split(' ').Take(2))).Order());
    }

    [Fact]
    public void Package_is_restored_from_the_local_feed_and_is_the_file_just_packed()
    {
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());
        using JsonDocument metadata = JsonDocument.Parse(consumer.Project.ReadRestoredPackageMetadata());
        string source = metadata.RootElement.GetProperty("source").GetString() ?? "";
        Assert.Equal(Path.TrimEndingDirectorySeparator(package.FeedDirectory), Path.TrimEndingDirectorySeparator(source));
        Assert.Equal(package.ContentHash(), metadata.RootElement.GetProperty("contentHash").GetString());
    }

    /// <summary>The one line of the program's output that starts with <paramref name="prefix"/>.</summary>
    private string ReportLine(string prefix)
    {
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());
        CommandResult run = consumer.Run!;
        string[] lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"The program should print one line starting with '{prefix}', it printed {lines.Length}. {run}");
        return lines[0];
    }
}
