using DevOpsFeedback.Azure.Notifications;
using DevOpsFeedback.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DevOpsFeedback.Azure.Hosting;

public sealed class AzureReleaseServicesTests
{
    private static readonly Dictionary<string, string?> Base = new()
    {
        ["Tables:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Notifications:BaseUrl"] = "https://dfb-dev-func.azurewebsites.net",
        ["Notifications:Sinks:teams:Type"] = "teams",
        ["Notifications:Sinks:teams:Url"] = "https://contoso.webhook.office.test/workflows/x",
        ["Notifications:Sinks:teams:Apps:0"] = "*",
        ["Notifications:Sinks:teams:Kinds:0"] = "approval-needed",
    };

    [Fact]
    public void AddDevOpsFeedbackAzure_NotificationSettings_WiresThePublisherDispatcherAndBatchNotifier()
    {
        using var provider = Services(Base).BuildServiceProvider();

        Assert.IsType<OutboxNotificationPublisher>(provider.GetRequiredService<INotificationPublisher>());
        var dispatcher = provider.GetRequiredService<NotificationDispatcher>();
        Assert.Equal(["teams"], dispatcher.Router.SinksFor("contoso-web-dev", NotificationKind.ApprovalNeeded).Select(s => s.Name));
        Assert.Empty(dispatcher.Router.SinksFor("contoso-web-dev", NotificationKind.Queued));
        Assert.NotNull(provider.GetRequiredService<EventBatchNotifier>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is NotificationOutboxService);
    }

    [Fact]
    public void AddDevOpsFeedbackAzure_NoSink_PublishesNothing()
    {
        using var provider = Services(new() { ["Tables:ConnectionString"] = "UseDevelopmentStorage=true" }).BuildServiceProvider();

        Assert.Same(NoNotifications.Instance, provider.GetRequiredService<INotificationPublisher>());
    }

    [Theory]
    [InlineData("Notifications:Sinks:teams:Url", "http://contoso.webhook.office.test/x", "Notifications:Sinks:teams:Url")]
    [InlineData("Notifications:Sinks:teams:Kinds:0", "deployed", "Notifications:Sinks:teams:Kinds:0")]
    [InlineData("Notifications:BaseUrl", "", "Notifications:BaseUrl")]
    public void AddDevOpsFeedbackAzure_InvalidNotificationSetting_FailsAtStartNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(Base) { [key] = value };

        var ex = Assert.Throws<InvalidSettingsException>(() => Services(settings));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDevOpsFeedbackAzure_TargetsList_FillsThePerAppMapsOfTheAdapters()
    {
        const string site = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/contoso-web-dev";
        var settings = new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Release:Targets:0:App"] = "contoso-web",
            ["Release:Targets:0:SiteResourceId"] = site,
            ["Release:Targets:0:Repository"] = "contoso/web",
            ["Release:Targets:1:App"] = "billing",
            ["Release:Targets:1:SiteResourceId"] = site.Replace("contoso-web-dev", "billing-dev", StringComparison.Ordinal),
        };

        using var provider = Services(settings).BuildServiceProvider();

        Assert.Equal(site, provider.GetRequiredService<AppService.AppServiceOptions>().Apps["contoso-web"]);
        Assert.Equal(site, provider.GetRequiredService<Telemetry.AzureMonitorMetricsOptions>().Sites["contoso-web"]);
        Assert.Equal("contoso/web", provider.GetRequiredService<SourceControl.GitHubOptions>().Repositories["contoso-web"]);
        Assert.False(provider.GetRequiredService<SourceControl.GitHubOptions>().Repositories.ContainsKey("billing"));
        Assert.Equal(2, provider.GetRequiredService<AppService.AppServiceOptions>().Apps.Count);
    }

    [Fact]
    public void AddDevOpsFeedbackAzure_TargetWithoutSite_FailsAtStartNamingTheKey()
    {
        var settings = new Dictionary<string, string?> { ["Tables:ConnectionString"] = "UseDevelopmentStorage=true", ["Release:Targets:0:App"] = "contoso-web" };

        var ex = Assert.Throws<InvalidSettingsException>(() => Services(settings));

        Assert.Contains("Release:Targets:0:SiteResourceId", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    public void AddDevOpsFeedbackAzure_EveryPolicy_WaitsForTelemetryToArriveBeforeEachAnalysis(string? setting, int minutes)
    {
        var settings = new Dictionary<string, string?> { ["Tables:ConnectionString"] = "UseDevelopmentStorage=true" };
        if (setting is not null) settings["Release:TelemetryDelayMinutes"] = setting;

        using var provider = Services(settings).BuildServiceProvider();

        var policies = provider.GetRequiredService<Api.ReleaseApiOptions>().Policies;
        Assert.Equal(["default", "quick"], policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(policies.Values, p => Assert.Equal(TimeSpan.FromMinutes(minutes), p("contoso-web").Bake.TelemetryDelay));
        Assert.Equal(Api.ReleaseApiOptions.Default.Policies["default"]("contoso-web").Bake.Interval, policies["default"]("contoso-web").Bake.Interval);
    }

    [Fact]
    public void AddDevOpsFeedbackAzure_NegativeTelemetryDelay_FailsAtStartNamingTheKey()
    {
        var settings = new Dictionary<string, string?> { ["Tables:ConnectionString"] = "UseDevelopmentStorage=true", ["Release:TelemetryDelayMinutes"] = "-1" };

        var ex = Assert.Throws<InvalidSettingsException>(() => Services(settings));

        Assert.Contains("Release:TelemetryDelayMinutes", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDevOpsFeedbackAzure(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }
}
