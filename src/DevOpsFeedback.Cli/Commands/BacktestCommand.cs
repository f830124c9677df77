using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Backtest;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// <c>dfb backtest</c>: replays recorded telemetry of a release (or of every release in a folder) against a
/// rollback policy and prints the decisions the bake would have taken. Exit 0 when it ran, 2 on bad input
/// (a message naming file, line and column on standard error; nothing on standard output).
/// </summary>
public static class BacktestCommand
{
    public const int BadInput = 2;

    public static Command Create()
    {
        var telemetry = new Option<FileInfo?>("--telemetry") { Description = "Telemetry CSV (time,version,requests,failures,le_25,...)" };
        var release = new Option<FileInfo?>("--release") { Description = "Release JSON (baselineVersion, candidateVersion, mode, swapAt, canarySteps)" };
        var policy = new Option<FileInfo?>("--policy") { Description = "Rollback policy JSON (defaults when omitted)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Run every NAME.release.json with NAME.csv in this folder; one JSON line per release" };
        var command = new Command("backtest", "Replay recorded telemetry of a release against a rollback policy") { telemetry, release, policy, format, dir };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var rollbackPolicy = parse.GetValue(policy) is { } p ? ReadPolicy(p) : new RollbackPolicy();
                string text;
                if (parse.GetValue(dir) is { } folder)
                {
                    if (parse.GetValue(telemetry) is not null || parse.GetValue(release) is not null)
                        throw new BacktestInputException("--dir", null, null, "use either --dir or --telemetry with --release, not both");
                    text = RunFolder(folder, rollbackPolicy);
                }
                else
                {
                    var csv = parse.GetValue(telemetry) ?? throw new BacktestInputException("--telemetry", null, null, "required (or use --dir)");
                    var json = parse.GetValue(release) ?? throw new BacktestInputException("--release", null, null, "required (or use --dir)");
                    var (spec, result) = RunOne(csv.FullName, json.FullName, rollbackPolicy);
                    text = parse.GetValue(format) == "json" ? ToJson(result, indented: true) + "\n" : ToText(spec, rollbackPolicy, result);
                }

                output.Write(text);
                return 0;
            }
            catch (BacktestInputException ex)
            {
                error.WriteLine($"dfb backtest: {ex.Message}");
                return BadInput;
            }
        });
        return command;
    }

    /// <summary>Reads inputs, checks versions and runs the bake. Throws <see cref="BacktestInputException"/> on bad input.</summary>
    public static (BacktestRelease Release, BacktestResult Result) RunOne(string csvPath, string releasePath, RollbackPolicy policy)
    {
        var csvName = Path.GetFileName(csvPath);
        var releaseName = Path.GetFileName(releasePath);
        var release = BacktestReleaseReader.Read(ReadAll(releasePath), releaseName);
        TelemetryCsv csv;
        try
        {
            using var reader = File.OpenText(csvPath);
            csv = TelemetryCsvReader.Read(reader, csvName);
        }
        catch (IOException ex)
        {
            throw new BacktestInputException(csvName, null, null, $"cannot read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BacktestInputException(csvName, null, null, $"cannot read: {ex.Message}");
        }

        csv.EnsureOnlyVersions(release.BaselineVersion, release.CandidateVersion);
        if (!csv.Frames.Any(f => f.Version == release.BaselineVersion))
            throw new BacktestInputException(releaseName, null, null, $"baselineVersion: '{release.BaselineVersion}' has no rows in {csvName}");
        return (release, BacktestRunner.Run(release, csv.Frames, policy, new StatisticalJudge(policy.Judge)));
    }

    private static string RunFolder(DirectoryInfo folder, RollbackPolicy policy)
    {
        if (!folder.Exists) throw new BacktestInputException(folder.FullName, null, null, "folder not found");
        var releases = folder.GetFiles("*.release.json").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        if (releases.Count == 0) throw new BacktestInputException(folder.FullName, null, null, "no NAME.release.json files");
        var lines = new StringBuilder();
        foreach (var file in releases)
        {
            var name = file.Name[..^".release.json".Length];
            var csv = Path.Combine(folder.FullName, name + ".csv");
            if (!File.Exists(csv)) throw new BacktestInputException(file.Name, null, null, $"no telemetry file {name}.csv next to it");
            var (_, result) = RunOne(csv, file.FullName, policy);
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("decision", Name(result.Decision));
                w.WriteString("decidedAt", Time(result.DecidedAt));
                w.WriteEndObject();
            }

            lines.Append(Encoding.UTF8.GetString(stream.ToArray())).Append('\n');
        }

        return lines.ToString();
    }

    private static RollbackPolicy ReadPolicy(FileInfo file)
    {
        var parsed = RollbackPolicyParser.Parse(ReadAll(file.FullName));
        return parsed.Policy ?? throw new BacktestInputException(file.Name, null, null, string.Join("; ", parsed.Errors));
    }

    private static string ReadAll(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new BacktestInputException(Path.GetFileName(path), null, null, $"cannot read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BacktestInputException(Path.GetFileName(path), null, null, $"cannot read: {ex.Message}");
        }
    }

    public static string ToJson(BacktestResult result, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("decision", Name(result.Decision));
            w.WriteString("decidedAt", Time(result.DecidedAt));
            w.WriteString("reason", result.Reason);
            w.WriteStartArray("analyses");
            foreach (var v in result.Analyses)
            {
                w.WriteStartObject();
                w.WriteString("at", Time(v.At));
                w.WriteString("phase", v.Phase.ToString());
                w.WriteString("reason", v.Reason);
                w.WriteStartArray("metrics");
                foreach (var m in v.Metrics)
                {
                    w.WriteStartObject();
                    w.WriteString("metric", m.Metric);
                    w.WriteString("phase", m.Phase.ToString());
                    w.WriteString("reason", m.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ToText(BacktestRelease release, RollbackPolicy policy, BacktestResult result)
    {
        var text = new StringBuilder();
        var mode = release.Mode == AnalysisMode.Canary ? "canary" : "blue-green";
        text.Append(CultureInfo.InvariantCulture, $"{release.App} {release.CandidateVersion} vs {release.BaselineVersion} ({mode}) from {Time(release.StartedAt)}: bake {policy.BakeMinutes} min, analysis every {policy.IntervalMinutes} min\n");
        foreach (var v in result.Analyses) text.Append(CultureInfo.InvariantCulture, $"{v.At.UtcDateTime:HH:mm}Z  {v.Phase,-12}  {v.Reason}\n");
        text.Append(CultureInfo.InvariantCulture, $"decision: {Name(result.Decision)} at {Time(result.DecidedAt)}: {result.Reason}\n");
        return text.ToString();
    }

    private static string Name(BacktestDecision decision) => decision.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
