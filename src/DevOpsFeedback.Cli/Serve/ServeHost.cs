using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.AppService;
using DevOpsFeedback.Azure.Hosting;
using DevOpsFeedback.Azure.Notifications;
using DevOpsFeedback.ChangeControl;
using DevOpsFeedback.Notifications;
using DevOpsFeedback.Orchestration;
using DevOpsFeedback.Ports;
using DevOpsFeedback.Releases;
using DevOpsFeedback.Simulation;
using DevOpsFeedback.Storage;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// Builds the local host: an ASP.NET Core minimal API over the same use cases as the Functions host, releases
/// run by <see cref="ReleaseDesk"/> with <see cref="LocalReleaseRuntime"/>, the embedded SQLite store, and the
/// simulated App Service as the default target so a new user can start a release with one curl. With
/// <see cref="ServeSettings.AzureTarget"/> the Azure adapters replace the simulator, configured from the same settings as the
/// Functions app (<see cref="AzureReleaseServices.AddDevOpsFeedbackAzureTarget"/>) and checked when the host is built. Notifications come from the
/// <c>Notifications</c> configuration section (appsettings, environment <c>Notifications__...</c>, or <c>--Notifications:...</c>),
/// checked when the host is built; delivery runs in the background and never holds a release up.
/// </summary>
public static class ServeHost
{
    public const string DemoApp = "contoso-web";

    public static WebApplication Build(ServeSettings settings, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.HealthInterval <= TimeSpan.Zero || settings.HealthInterval > ServeSettings.MaxHealthInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.HealthInterval,
                $"{nameof(ServeSettings.HealthCheckInterval)} must be positive and at most {ServeSettings.MaxHealthInterval}");
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => ApiKey.LoadOrCreate(settings.DataDirectory).Key);
        builder.Services.AddSingleton<ServeStores>(_ => ServeStores.Open(settings));
        builder.Services.AddSingleton<IReleaseStore>(sp => sp.GetRequiredService<ServeStores>().Releases);
        builder.Services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<ServeStores>().Documents);
        var azure = settings.Target switch
        {
            ServeSettings.SimulatedTarget => false,
            ServeSettings.AzureTarget => true,
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Target,
                $"{nameof(ServeSettings.Target)} must be '{ServeSettings.SimulatedTarget}' or '{ServeSettings.AzureTarget}'"),
        };
        if (azure) AddAzureTarget(builder.Services, builder.Configuration);
        else AddSimulatedTarget(builder.Services);
        builder.Services.AddSingleton(_ => new RollbackPolicy());
        builder.Services.AddSingleton<IReleaseJudge>(sp => new StatisticalJudge(sp.GetRequiredService<RollbackPolicy>().Judge));
        builder.Services.AddSingleton<IAlertParser, DevOpsFeedback.Azure.Alerts.AlertParser>();
        builder.Services.AddSingleton(sp => new ReleaseActions(sp.GetRequiredService<ISlotController>(), sp.GetRequiredService<ITelemetrySource>(),
            sp.GetRequiredService<ISourceControl>(), sp.GetRequiredService<IReleaseJudge>(),
            ReleaseActions.LookbackFor(sp.GetRequiredService<RollbackPolicy>().Judge)));
        builder.Services.AddSingleton<ReleaseStatusLog>();
        builder.Services.AddDevOpsFeedbackNotifications();
        builder.Services.AddSingleton(sp =>
        {
            var lifetime = sp.GetRequiredService<IHostApplicationLifetime>();
            var store = sp.GetRequiredService<IReleaseStore>();
            var actions = sp.GetRequiredService<ReleaseActions>();
            var time = sp.GetRequiredService<TimeProvider>();
            var status = sp.GetRequiredService<ReleaseStatusLog>();
            var notifications = sp.GetRequiredService<INotificationPublisher>();
            return ReleaseDesk.InProcess(store, new AppQueue(sp.GetRequiredService<IDocumentStore>()), sp.GetRequiredService<ISlotController>(),
                _ => new LocalReleaseRuntime(actions, store, time, status.Publish, lifetime.ApplicationStopping, notifications), notifications);
        });
        builder.Services.AddSingleton(sp => (InProcessReleaseRunner)sp.GetRequiredService<ReleaseDesk>().Runner);
        builder.Services.AddSingleton<IReleaseEngine>(sp => sp.GetRequiredService<ReleaseDesk>());
        builder.Services.AddSingleton(sp => new ReleaseApi(
            sp.GetRequiredService<IReleaseEngine>(), sp.GetRequiredService<IReleaseStore>(), sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<ISlotController>(), sp.GetRequiredService<IAlertParser>(), sp.GetRequiredService<ReleaseApiOptions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<INotificationPublisher>()));
        builder.Services.AddHostedService<ResumeReleasesService>();
        builder.Services.AddHostedService<ProductionHealthService>();
        builder.Services.AddServeFeedback(settings, builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        _ = app.Services.GetRequiredService<INotificationPublisher>(); // binds and validates the Notifications section now, not at the first release
        if (azure) CheckAzureTarget(app);
        app.UseMiddleware<ApiGuardMiddleware>();
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
        ApiEndpoints.Map(app);
        return app;
    }

    private static void AddSimulatedTarget(IServiceCollection services)
    {
        services.AddSingleton(sp => SimulatedTarget(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISlotController>(sp => sp.GetRequiredService<SimulatedTargetParts>().AppService);
        services.AddSingleton<ITelemetrySource>(sp => sp.GetRequiredService<SimulatedTargetParts>().AppService);
        services.AddSingleton<ISourceControl>(sp => sp.GetRequiredService<SimulatedTargetParts>().Source);
        services.AddSingleton(sp => new ServeTargetApps("simulated App Service", () => sp.GetRequiredService<SimulatedTargetParts>().AppService.Apps));
        services.AddSingleton(ReleaseApiOptions.Default);
    }

    /// <summary>The Azure adapters, as the Functions app wires them; releases wait <c>Release:TelemetryDelayMinutes</c> for telemetry.</summary>
    private static void AddAzureTarget(IServiceCollection services, IConfiguration configuration)
    {
        try
        {
            services.AddDevOpsFeedbackAzureTarget(configuration);
        }
        catch (InvalidOperationException ex)
        {
            throw new ServeConfigurationException($"--target {ServeSettings.AzureTarget}: {ex.Message}", ex);
        }

        services.AddSingleton(sp => new ServeTargetApps("Azure App Service", () => [.. sp.GetRequiredService<AppServiceOptions>().Apps.Keys.Order(StringComparer.Ordinal)]));
        services.AddSingleton(sp => AzureReleaseServices.ReleaseApiOptionsFor(sp.GetRequiredService<ReleaseHostOptions>()));
    }

    /// <summary>
    /// Creates the adapters now, so that a missing or invalid setting (each adapter checks its options, naming the key)
    /// stops the start instead of the first release.
    /// </summary>
    private static void CheckAzureTarget(WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<ISlotController>();
            _ = app.Services.GetRequiredService<ISourceControl>();
            _ = app.Services.GetRequiredService<ITelemetrySource>();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            ((IDisposable)app).Dispose();
            var message = ex is ArgumentException { ParamName: { } name } ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;
            throw new ServeConfigurationException($"--target {ServeSettings.AzureTarget}: {message}", ex);
        }
    }

    private static SimulatedTargetParts SimulatedTarget(TimeProvider time)
    {
        var appService = new SimulatedAppService(time.GetUtcNow, seed: 42);
        var source = new SimulatedSourceControl();
        const string c0 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
        const string c1 = "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b";
        source.Commit(c0);
        source.Commit(c1, c0);
        appService.AddApp(SimulatedApp.Standard(DemoApp, "1.4.2", c0, "1.5.0", c1, requestsPerMinute: 600));
        return new SimulatedTargetParts(appService, source);
    }
}

/// <summary>The simulated deployment target of the embedded default.</summary>
public sealed record SimulatedTargetParts(SimulatedAppService AppService, SimulatedSourceControl Source);
