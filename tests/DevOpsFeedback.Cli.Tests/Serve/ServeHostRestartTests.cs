using System.Net;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>A stopped <c>dfb serve</c> resumes each unfinished release from its log without repeating a swap.</summary>
public sealed class ServeHostRestartTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("dfb-restart-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Given_host_stopped_during_bake_When_restarted_on_the_same_file_Then_release_completes_with_one_swap()
    {
        var time = new ManualTimeProvider(ServeTestHost.Start);
        var target = ServeTestHost.NewTarget(time);

        var hostA = await ServeTestHost.StartAsync(_data.FullName, time, target);
        await using (hostA)
        {
            using var response = await hostA.PostAsync("/api/releases", ServeTestHost.Release("rel-restart"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await hostA.AdvanceUntilAsync("rel-restart", "baking");
            time.TryAdvanceToNextTimer(TimeSpan.FromHours(1)); // one analysis of the bake happens on host A
        }

        Assert.Single(target.AppService.SwapLog);
        var versionAtStop = (await ReadVersionAsync()).Version;

        await using var hostB = await ServeTestHost.StartAsync(_data.FullName, time, target);
        var done = await hostB.AdvanceUntilAsync("rel-restart", "succeeded", "rolled-back", "rollback-failed", "aborted");

        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        var swap = Assert.Single(target.AppService.SwapLog);
        Assert.Equal(("1.4.2", "1.5.0"), (swap.FromProduction, swap.ToProduction));
        var log = await hostB.Store.ReadAsync("rel-restart", CancellationToken.None);
        Assert.True(log.Version > versionAtStop, "host B appended to the log host A left");
        Assert.Single(log.Events, e => e.Type == "SlotsSwapped");
        Assert.Equal(3, done.GetProperty("verdicts").GetArrayLength());
    }

    private async Task<Ports.ReleaseLog> ReadVersionAsync()
    {
        var store = Sqlite.Storage.SqliteStore.Open(Path.Combine(_data.FullName, "dfb.db"));
        return await store.Releases.ReadAsync("rel-restart", CancellationToken.None);
    }
}
