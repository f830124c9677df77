using System.Text;
using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsFeedback.Azure.Hosting;

public sealed class FeedbackOptionsTests
{
    private const string Salt = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(null, 120, 60, "Feedback:UserRefSalt")]
    [InlineData("too-short", 120, 60, "Feedback:UserRefSalt")]
    [InlineData(Salt, 0, 60, "Feedback:RateLimitBurst")]
    [InlineData(Salt, 120, 0, "Feedback:RateLimitPerMinute")]
    public void Validate_BadSetting_NamesIt(string? salt, int burst, int perMinute, string named)
    {
        var options = new FeedbackOptions { UserRefSalt = salt, RateLimitBurst = burst, RateLimitPerMinute = perMinute };

        Assert.Contains(options.Validate(), e => e.StartsWith(named, StringComparison.Ordinal));
        Assert.Throws<InvalidSettingsException>(options.ToApiOptions);
    }

    [Fact]
    public void ToApiOptions_Valid_UsesTheSaltBytesAndTheLimit()
    {
        var api = new FeedbackOptions { UserRefSalt = Salt, RateLimitBurst = 5, RateLimitPerMinute = 30 }.ToApiOptions();

        Assert.Equal(Encoding.UTF8.GetBytes(Salt), api.UserRefSalt);
        Assert.Equal(new RateLimitOptions(5, 30), api.RateLimit);
        Assert.Equal(TimeSpan.FromDays(28), api.DefaultPeriod);
    }

    [Fact]
    public async Task AddDevOpsFeedbackPlanning_FromConfiguration_ResolvesTheRoutesAndAnOffDigest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feedback:UserRefSalt"] = Salt,
            ["Feedback:RateLimitBurst"] = "1",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IDocumentStore>(new InMemoryDocumentStore())
            .AddSingleton<IReleaseStore>(new InMemoryReleaseStore())
            .AddDevOpsFeedbackPlanning(configuration);
        await using var provider = services.BuildServiceProvider();

        var api = provider.GetRequiredService<FeedbackApi>();
        var body = """{"app":"web","category":"idea","text":"dark mode"}"""u8.ToArray();

        Assert.Equal(202, (await api.SubmitFeedbackAsync(body, "key", CancellationToken.None)).Status);
        Assert.Equal(429, (await api.SubmitFeedbackAsync(body, "key", CancellationToken.None)).Status);
        Assert.False(provider.GetRequiredService<PlanningDigest>().IsEnabled);
        Assert.IsType<ReleaseLogDeliverySignals>(provider.GetRequiredService<IDeliverySignals>());
    }
}
