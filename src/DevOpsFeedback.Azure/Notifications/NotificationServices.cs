using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Notifications for both hosts, from the <c>Notifications</c> configuration section: the webhook, Teams and Slack sinks over
/// one pipeline, the dispatcher recording every attempt on the release (<see cref="DocumentDeliveryLog"/>), the outbox in the
/// document store with its background drain, the <see cref="INotificationPublisher"/> (off when no sink is configured) and the
/// Durable host's <see cref="EventBatchNotifier"/>. Needs <see cref="IDocumentStore"/>, <see cref="IReleaseStore"/> and <see cref="TimeProvider"/>.
/// </summary>
public static partial class NotificationServices
{
    /// <summary>Binds and validates the options.</summary>
    /// <exception cref="InvalidOperationException">Every problem, each naming its configuration key.</exception>
    public static NotificationOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new NotificationOptions();
        configuration.GetSection(NotificationOptions.SectionName).Bind(options);
        var errors = options.Validate();
        if (!errors.IsEmpty) throw new Hosting.InvalidSettingsException("invalid notification settings: " + string.Join("; ", errors));
        return options;
    }

    /// <param name="transport">The sinks' HTTP transport (tests); null for the default.</param>
    public static IServiceCollection AddDevOpsFeedbackNotifications(this IServiceCollection services, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => Bind(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IDeliveryLog>(sp => new DocumentDeliveryLog(sp.GetRequiredService<IDocumentStore>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NotificationOptions>();
            return new NotificationDispatcher(options, NotificationHttp.CreateSinks(options.Delivery, transport), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IDeliveryLog>());
        });
        services.TryAddSingleton(sp => new DurableNotificationOutbox(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<INotificationPublisher>(sp =>
        {
            var options = sp.GetRequiredService<NotificationOptions>();
            var logger = sp.GetRequiredService<ILogger<OutboxNotificationPublisher>>();
            return options.IsEnabled
                ? new OutboxNotificationPublisher(sp.GetRequiredService<DurableNotificationOutbox>(), options.BaseUrl!,
                    (ex, lost) => LogNotStored(logger, ex, lost.Count, string.Join(", ", lost.Select(n => $"{n.ReleaseId ?? n.App}/{n.Id}"))))
                : NoNotifications.Instance;
        });
        services.TryAddSingleton<NotificationDrain>();
        services.TryAddSingleton<EventBatchNotifier>();
        services.AddHostedService<NotificationOutboxService>();
        return services;
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "{Count} notification(s) could not be stored in the outbox and will not be sent: {Notifications}")]
    private static partial void LogNotStored(ILogger logger, Exception ex, int count, string notifications);
}
