using System.Collections.Immutable;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.Alerts;
using DevOpsFeedback.Azure.AppService;
using DevOpsFeedback.Azure.Notifications;
using DevOpsFeedback.Azure.SourceControl;
using DevOpsFeedback.Azure.Tables;
using DevOpsFeedback.Azure.Telemetry;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsFeedback.Azure.Hosting;

/// <summary>
/// Everything the Azure host needs, wired from configuration: the managed identity, the adapters (ARM slots,
/// Log Analytics or Metrics, GitHub, Table storage), the judge, the release use cases and notifications (validated here, at start-up). Lives here, where CI
/// compiles and tests it, so the Functions project stays a thin shell of triggers.
/// </summary>
public static class AzureReleaseServices
{
    public static IServiceCollection AddDevOpsFeedbackAzure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDevOpsFeedbackAzureTarget(configuration);
        var notifications = NotificationServices.Bind(configuration);

        services.AddSingleton(notifications);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => Bind<TableStorageOptions>(configuration, TableStorageOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var tables = sp.GetRequiredService<TableStorageOptions>();
            tables.Validate();
            return TableStores.Create(tables, tables.ServiceUri is null ? null : sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IReleaseStore>(sp => sp.GetRequiredService<TableStores>().Releases);
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<TableStores>().Documents);
        services.AddSingleton(_ => new RollbackPolicy());
        services.AddSingleton<IReleaseJudge>(sp => new StatisticalJudge(sp.GetRequiredService<RollbackPolicy>().Judge));
        services.AddSingleton<IAlertParser, AlertParser>();
        services.AddSingleton(sp => new ReleaseActions(sp.GetRequiredService<ISlotController>(), sp.GetRequiredService<ITelemetrySource>(),
            sp.GetRequiredService<ISourceControl>(), sp.GetRequiredService<IReleaseJudge>(),
            ReleaseActions.LookbackFor(sp.GetRequiredService<RollbackPolicy>().Judge)));
        services.AddSingleton(sp => ReleaseApiOptionsFor(sp.GetRequiredService<ReleaseHostOptions>()));
        services.AddSingleton(sp => new ReleaseApiFactory(sp));
        services.AddSingleton(sp => new ProductionWatch(sp.GetRequiredService<IReleaseStore>(), sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<ISlotController>(), sp.GetRequiredService<TimeProvider>()));
        services.AddDevOpsFeedbackPlanning(configuration);
        services.AddDevOpsFeedbackNotifications();
        return services;
    }

    /// <summary>
    /// The deployment target on Azure, for any host: the <c>Release</c> section (<see cref="ReleaseHostOptions"/>, validated
    /// here), the credential (<c>DefaultAzureCredential</c>, with <see cref="ReleaseHostOptions.ManagedIdentityClientId"/>), the
    /// adapters' options (<c>AppService</c>, <c>LogAnalytics</c>, <c>Metrics</c>, <c>GitHub</c>, with <c>Release:Targets</c>
    /// folded into their per-app maps) and the adapters: <see cref="ISlotController"/> (ARM), <see cref="ISourceControl"/>
    /// (GitHub) and <see cref="ITelemetrySource"/> (Log Analytics, or platform metrics when <c>Release:TelemetrySource</c> is
    /// <c>Metrics</c>). Each adapter checks its options when it is first resolved. The adapters use an
    /// <see cref="HttpPipelineTransport"/> service when one is registered (tests reaching loopback stand-ins), else
    /// Azure.Core's default. The host registers <see cref="TimeProvider"/>, and <see cref="IReleaseStore"/> for the metrics
    /// source (which reads swap times from the release logs).
    /// </summary>
    /// <exception cref="InvalidOperationException">The <c>Release</c> section is invalid; the message names each bad key.</exception>
    public static IServiceCollection AddDevOpsFeedbackAzureTarget(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var host = Bind<ReleaseHostOptions>(configuration, ReleaseHostOptions.SectionName);
        var errors = host.Validate();
        if (errors.Count > 0) throw new InvalidSettingsException("invalid configuration: " + string.Join("; ", errors));

        services.AddSingleton(host);
        services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = host.ManagedIdentityClientId }));
        services.AddSingleton(_ => WithTargets(Bind<AppServiceOptions>(configuration, AppServiceOptions.SectionName), host, (o, t) => o.Apps[t.App] = t.SiteResourceId));
        services.AddSingleton(_ => WithTargets(Bind<LogAnalyticsOptions>(configuration, LogAnalyticsOptions.SectionName), host, (o, t) =>
        {
            if (!string.IsNullOrWhiteSpace(t.RoleName)) o.RoleNames[t.App] = t.RoleName;
        }));
        services.AddSingleton(_ => WithTargets(Bind<AzureMonitorMetricsOptions>(configuration, AzureMonitorMetricsOptions.SectionName), host, (o, t) => o.Sites[t.App] = t.SiteResourceId));
        services.AddSingleton(_ => WithTargets(Bind<GitHubOptions>(configuration, GitHubOptions.SectionName), host, (o, t) =>
        {
            if (!string.IsNullOrWhiteSpace(t.Repository)) o.Repositories[t.App] = t.Repository;
        }));

        services.AddSingleton<ISlotController>(sp => new AppServiceSlotController(sp.GetRequiredService<AppServiceOptions>(), sp.GetRequiredService<TokenCredential>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<HttpPipelineTransport>()));
        services.AddSingleton<ISourceControl>(sp => new GitHubSourceControl(sp.GetRequiredService<GitHubOptions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<HttpPipelineTransport>()));
        services.AddSingleton<ITelemetrySource>(sp => host.TelemetrySource == "Metrics"
            ? new AzureMonitorMetricsTelemetrySource(sp.GetRequiredService<AzureMonitorMetricsOptions>(), sp.GetRequiredService<TokenCredential>(),
                new SwapHistoryVersionResolver(sp.GetRequiredService<ISlotController>(), SwapTimesFrom(sp.GetRequiredService<IReleaseStore>())),
                sp.GetService<HttpPipelineTransport>())
            : new LogAnalyticsTelemetrySource(sp.GetRequiredService<LogAnalyticsOptions>(), sp.GetRequiredService<TokenCredential>(), sp.GetService<HttpPipelineTransport>()));
        return services;
    }

    /// <summary>
    /// The release use-case options of an Azure-target host: the built-in policies, each waiting
    /// <see cref="ReleaseHostOptions.TelemetryDelayMinutes"/> for telemetry before every analysis, the default policy and
    /// whether an alert after a release presses the red button.
    /// </summary>
    public static ReleaseApiOptions ReleaseApiOptionsFor(ReleaseHostOptions host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return ReleaseApiOptions.Default with
        {
            BackoutOnAlertAfterRelease = host.BackoutOnAlertAfterRelease,
            DefaultPolicy = host.DefaultPolicy,
            Policies = WithTelemetryDelay(ReleaseApiOptions.Default.Policies, TimeSpan.FromMinutes(host.TelemetryDelayMinutes)),
        };
    }

    /// <summary>When each slot of an app changed version, from the release logs (swaps and swap-backs).</summary>
    public static Func<string, DateTimeOffset, CancellationToken, Task<IReadOnlyList<DateTimeOffset>>> SwapTimesFrom(IReleaseStore store) =>
        async (app, since, ct) =>
        {
            var times = new List<DateTimeOffset>();
            foreach (var entry in await store.ListByAppAsync(app, ct))
            {
                if (entry.UpdatedAt < since) continue;
                var log = await store.ReadAsync(entry.ReleaseId, ct);
                times.AddRange(log.Events.Where(e => e.Type is nameof(SlotsSwapped) or nameof(SlotsSwappedBack) && e.At >= since).Select(e => e.At));
            }

            return [.. times.Order()];
        };

    /// <summary>Folds the managed-target list into an adapter's per-app map (a map entry set directly wins).</summary>
    private static T WithTargets<T>(T options, ReleaseHostOptions host, Action<T, ManagedTarget> fold)
    {
        foreach (var target in host.Targets) fold(options, target);
        return options;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    /// <summary>Each policy's settings with the bake waiting <paramref name="delay"/> for telemetry before every analysis.</summary>
    internal static IReadOnlyDictionary<string, Func<string, ReleaseSettings>> WithTelemetryDelay(IReadOnlyDictionary<string, Func<string, ReleaseSettings>> policies, TimeSpan delay) =>
        policies.ToImmutableDictionary(p => p.Key, p => new Func<string, ReleaseSettings>(app =>
        {
            var settings = p.Value(app);
            return settings with { Bake = settings.Bake with { TelemetryDelay = delay } };
        }), StringComparer.Ordinal);
}

/// <summary>
/// Builds the release use cases around one invocation's Durable client (a binding, not a service): the desk over
/// the shared stores and target, with the host's runner.
/// </summary>
public sealed class ReleaseApiFactory(IServiceProvider services)
{
    public IServiceProvider Services => services;

    /// <summary>The base URL for status links: the configured public URL, else the one the request came in on.</summary>
    public string BaseUrl(Uri requestUrl) =>
        services.GetRequiredService<ReleaseHostOptions>().PublicBaseUrl?.ToString().TrimEnd('/') ?? requestUrl.GetLeftPart(UriPartial.Authority);

    public ReleaseDesk Desk(IReleaseRunner runner) => new(
        services.GetRequiredService<IReleaseStore>(), new AppQueue(services.GetRequiredService<IDocumentStore>()),
        services.GetRequiredService<ISlotController>(), runner)
    {
        Notifications = services.GetRequiredService<INotificationPublisher>(),
    };

    public ReleaseApi Api(IReleaseRunner runner) => new(
        Desk(runner), services.GetRequiredService<IReleaseStore>(), services.GetRequiredService<IDocumentStore>(),
        services.GetRequiredService<ISlotController>(), services.GetRequiredService<IAlertParser>(),
        services.GetRequiredService<ReleaseApiOptions>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<INotificationPublisher>());
}
