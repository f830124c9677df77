using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Cli.Serve;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Simulation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DevOpsFeedback.Cli.Benchmark;

/// <summary>What the API load check measured and verified.</summary>
/// <param name="Requests">Requests sent.</param>
/// <param name="Apps">Apps they were spread over.</param>
/// <param name="Accepted">Answers with 202.</param>
/// <param name="Stored">Releases in the store afterwards.</param>
/// <param name="Running">Releases admitted (running), at most one per app.</param>
/// <param name="Queued">Releases waiting in their app's queue.</param>
/// <param name="Failures">Every verification that failed (empty: all held).</param>
/// <param name="RequestsPerSecond">Requests divided by the wall time of the whole burst.</param>
/// <param name="Latencies">Each request's latency, sorted.</param>
public sealed record ApiLoadResult(
    int Requests, int Apps, int Accepted, int Stored, int Running, int Queued, IReadOnlyList<string> Failures,
    double RequestsPerSecond, IReadOnlyList<TimeSpan> Latencies)
{
    public bool Verified => Failures.Count == 0;

    public TimeSpan Percentile(double p) => Latencies.Count == 0 ? TimeSpan.Zero : Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Count) - 1, 0, Latencies.Count - 1)];
}

/// <summary>
/// The load check of <c>dfb serve</c>: a real Kestrel on 127.0.0.1 (a free port) over SQLite and simulated apps takes
/// a burst of concurrent <c>POST /api/releases</c>; then every request must have been accepted exactly once, stored
/// once, with one release running per app and the rest queued in arrival order (the app queue's sequence).
/// </summary>
public static class ApiLoadBenchmark
{
    private const string BaselineCommit = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private const string CandidateCommit = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b";

    public static async Task<ApiLoadResult> RunAsync(int requests, int apps, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(apps, 1);
        var data = Directory.CreateTempSubdirectory("dfb-bench-api-");
        try
        {
            return await RunInAsync(data.FullName, requests, apps, cancellationToken);
        }
        finally
        {
            Sqlite.Storage.SqliteStore.ClearPools();
            data.Delete(recursive: true);
        }
    }

    private static async Task<ApiLoadResult> RunInAsync(string dataDirectory, int requests, int apps, CancellationToken cancellationToken)
    {
        var appNames = Enumerable.Range(1, apps).Select(i => $"bench-app-{i:D3}").ToArray();
        var target = Target(appNames);
        var settings = new ServeSettings(Urls: "http://127.0.0.1:0", DataDirectory: dataDirectory);
        await using var host = ServeHost.Build(settings, [], b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddSingleton(target);
        });
        await host.StartAsync(cancellationToken);
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single() ?? throw new InvalidOperationException("Kestrel reported no address");

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add(ApiKey.Header, host.Services.GetRequiredService<ApiKey>().Value);

        // Warm up the route (JIT, SQLite) on an app outside the measured set, then release the burst at once.
        using (var warm = await client.PostAsync("/api/releases", Body("bench-warmup", "bench-warmup"), cancellationToken))
        {
            if (warm.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"warm-up answered {(int)warm.StatusCode}: {await warm.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var ids = Enumerable.Range(1, requests).Select(i => (Id: $"rel-bench-{i:D5}", App: appNames[(i - 1) % apps])).ToArray();
        var latencies = new ConcurrentBag<TimeSpan>();
        var answers = new ConcurrentDictionary<string, HttpStatusCode>(StringComparer.Ordinal);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = ids.Select(async r =>
        {
            await go.Task;
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/releases", Body(r.Id, r.App), cancellationToken);
            latencies.Add(clock.Elapsed);
            answers[r.Id] = response.StatusCode;
        }).ToArray();
        var wall = Stopwatch.StartNew();
        go.SetResult();
        await Task.WhenAll(tasks);
        wall.Stop();

        var failures = new List<string>();
        var accepted = answers.Count(a => a.Value == HttpStatusCode.Accepted);
        foreach (var (id, status) in answers.Where(a => a.Value != HttpStatusCode.Accepted).OrderBy(a => a.Key, StringComparer.Ordinal).Take(10))
        {
            failures.Add($"{id} answered {(int)status}, not 202");
        }

        var store = host.Services.GetRequiredService<IReleaseStore>();
        var queue = new AppQueue(host.Services.GetRequiredService<IDocumentStore>());
        var (stored, running, queued) = await VerifyAsync(store, queue, ids.Select(i => i.Id).ToHashSet(StringComparer.Ordinal), appNames, failures, cancellationToken);
        await host.StopAsync(cancellationToken);

        var sorted = latencies.Order().ToArray();
        return new ApiLoadResult(requests, apps, accepted, stored, running, queued, failures, requests / wall.Elapsed.TotalSeconds, sorted);
    }

    /// <summary>
    /// Every request stored exactly once; per app, the queue holds exactly its unfinished releases with distinct,
    /// ascending places; only the head is admitted. Admission is asynchronous, so it is polled (bounded).
    /// </summary>
    private static async Task<(int Stored, int Running, int Queued)> VerifyAsync(
        IReleaseStore store, AppQueue queue, HashSet<string> sent, string[] apps, List<string> failures, CancellationToken cancellationToken)
    {
        var all = (await store.ListAllAsync(cancellationToken)).Where(e => sent.Contains(e.ReleaseId)).ToList();
        var stored = all.Count;
        if (all.Select(e => e.ReleaseId).Distinct(StringComparer.Ordinal).Count() != all.Count) failures.Add("a release is stored twice");
        foreach (var lost in sent.Except(all.Select(e => e.ReleaseId), StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(10)) failures.Add($"{lost} was lost");
        foreach (var id in all.Select(e => e.ReleaseId))
        {
            var log = await store.ReadAsync(id, cancellationToken);
            var ended = ReleaseJson.Fold(log);
            if (ended.IsTerminal) failures.Add($"{id} ended during the run ({ended.Status}: {ended.OutcomeReason}); with a 30-minute bake none should");
            if (log.Events.Count(e => e.Type == "ReleaseRequested") != 1) failures.Add($"{id} was requested {log.Events.Count(e => e.Type == "ReleaseRequested")} times in its log");
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var problems = new List<string>();
            var running = 0;
            var queued = 0;
            foreach (var app in apps)
            {
                var entries = await queue.ListAsync(app, cancellationToken);
                var states = new List<Releases.ReleaseState>();
                foreach (var e in entries) states.Add(ReleaseJson.Fold(await store.ReadAsync(e.ReleaseId, cancellationToken)));
                var open = all.Where(e => e.App == app).Select(e => e.ReleaseId).ToList();
                var unfinished = new List<string>();
                foreach (var id in open)
                {
                    if (!ReleaseJson.Fold(await store.ReadAsync(id, cancellationToken)).IsTerminal) unfinished.Add(id);
                }

                if (!entries.Select(e => e.ReleaseId).Order(StringComparer.Ordinal).SequenceEqual(unfinished.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                {
                    problems.Add($"{app}: queue [{string.Join(", ", entries.Select(e => e.ReleaseId))}] is not its unfinished releases [{string.Join(", ", unfinished)}]");
                }

                for (var i = 1; i < entries.Length; i++)
                {
                    if (entries[i].Sequence <= entries[i - 1].Sequence) problems.Add($"{app}: queue places {entries[i - 1].Sequence} and {entries[i].Sequence} are out of order");
                }

                var admitted = states.Count(s => s.Admitted);
                if (admitted > 1) failures.Add($"{app}: {admitted} releases admitted at once");
                if (entries.Length > 0 && !states[0].Admitted) problems.Add($"{app}: the head {entries[0].ReleaseId} is not admitted yet");
                if (states.Skip(1).Any(s => s.Admitted)) problems.Add($"{app}: a release behind the head is admitted");
                running += admitted;
                queued += states.Count(s => !s.Admitted);
            }

            if (problems.Count == 0 || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                failures.AddRange(problems.Take(20));
                return (stored, running, queued);
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public static string Format(ApiLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = new StringBuilder();
        var ms = (TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
        b.AppendLine(CultureInfo.InvariantCulture, $"dfb bench api: {result.Requests} concurrent POST /api/releases across {result.Apps} apps (Kestrel on 127.0.0.1, SQLite, simulated App Service)");
        b.AppendLine(CultureInfo.InvariantCulture, $"accepted 202: {result.Accepted}/{result.Requests}   stored: {result.Stored}   running: {result.Running}   queued: {result.Queued}   lost: {result.Requests - result.Stored}");
        b.AppendLine(CultureInfo.InvariantCulture, $"requests/s: {result.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture)}   latency p50: {ms(result.Percentile(0.50))} ms   p99: {ms(result.Percentile(0.99))} ms   max: {ms(result.Percentile(1.0))} ms");
        b.AppendLine(result.Verified ? "verified: every request accepted once, stored once, one running per app, the rest queued in arrival order" : "NOT VERIFIED:");
        foreach (var f in result.Failures) b.AppendLine(CultureInfo.InvariantCulture, $"  - {f}");
        return b.ToString();
    }

    private static SimulatedTargetParts Target(string[] apps)
    {
        var appService = new SimulatedAppService(TimeProvider.System.GetUtcNow, seed: 42);
        var source = new SimulatedSourceControl();
        source.Commit(BaselineCommit);
        source.Commit(CandidateCommit, BaselineCommit);
        foreach (var app in apps.Append("bench-warmup"))
        {
            appService.AddApp(SimulatedApp.Standard(app, "1.4.2", BaselineCommit, "1.5.0", CandidateCommit, requestsPerMinute: 600));
        }

        return new SimulatedTargetParts(appService, source);
    }

    private static StringContent Body(string releaseId, string app) => new(
        JsonSerializer.Serialize(new
        {
            releaseId,
            app,
            candidateVersion = "1.5.0",
            candidateCommit = CandidateCommit,
            changeType = "standard",
            requestedBy = "bench",
        }),
        Encoding.UTF8,
        "application/json");
}
