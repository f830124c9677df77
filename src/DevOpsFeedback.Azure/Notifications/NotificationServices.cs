using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Notifications for both hosts, from the <c>Notifications</c> configuration section: the webhook, Teams and Slack sinks over
/// one pipeline, the dispatcher recording every attempt on the release (<see cref="DocumentDeliveryLog"/>), the outbox with its
/// background run, the <see cref="INotificationPublisher"/> (off when no sink is configured) and the Durable host's
/// <see cref="EventBatchNotifier"/>. Needs <see cref="IDocumentStore"/>, <see cref="IReleaseStore"/> and <see cref="TimeProvider"/>.
/// </summary>
public static class NotificationServices
{
    /// <summary>Binds and validates the options.</summary>
    /// <exception cref="InvalidOperationException">Every problem, each naming its configuration key.</exception>
    public static NotificationOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new NotificationOptions();
        configuration.GetSection(NotificationOptions.SectionName).Bind(options);
        var errors = options.Validate();
        if (!errors.IsEmpty) throw new InvalidOperationException("invalid notification settings: " + string.Join("; ", errors));
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
        services.TryAddSingleton(sp => new NotificationOutbox(sp.GetRequiredService<NotificationDispatcher>()));
        services.TryAddSingleton<INotificationPublisher>(sp =>
        {
            var options = sp.GetRequiredService<NotificationOptions>();
            return options.IsEnabled
                ? new OutboxNotificationPublisher(sp.GetRequiredService<NotificationOutbox>(), options.BaseUrl!)
                : NoNotifications.Instance;
        });
        services.TryAddSingleton<EventBatchNotifier>();
        services.AddHostedService<NotificationOutboxService>();
        return services;
    }
}
