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

        var ex = Assert.Throws<InvalidOperationException>(() => Services(settings));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDevOpsFeedbackAzure(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }
}
