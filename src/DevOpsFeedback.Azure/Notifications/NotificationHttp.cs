using System.Collections.Immutable;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>
/// Builds the one HTTP pipeline the notification sinks share, and the sinks. The pipeline does not retry (the dispatcher
/// retries with backoff and records each attempt), applies the per-attempt network timeout, and has logging and tracing
/// off because webhook URLs are credentials.
/// </summary>
public static class NotificationHttp
{
    public static HttpPipeline CreatePipeline(NotificationDeliveryOptions delivery, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var options = new NotificationClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = delivery.AttemptTimeout;
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.ApplicationId = "DevOpsFeedback";
        if (transport is not null) options.Transport = transport;
        return HttpPipelineBuilder.Build(options);
    }

    /// <summary>The generic JSON webhook, Teams and Slack sinks over one shared pipeline.</summary>
    public static ImmutableArray<INotificationSink> CreateSinks(NotificationDeliveryOptions delivery, HttpPipelineTransport? transport = null)
    {
        var pipeline = CreatePipeline(delivery, transport);
        return [new JsonWebhookSink(pipeline), new TeamsSink(pipeline), new SlackSink(pipeline)];
    }

    private sealed class NotificationClientOptions : ClientOptions;
}
