using System.Collections.Immutable;
using DevOpsFeedback.Analysis;
using DevOpsFeedback.Api;
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
/// simulated App Service as the default target so a new user can start a release with one curl. Notifications come from the
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
        builder.Services.AddSingleton(sp => SimulatedTarget(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ISlotController>(sp => sp.GetRequiredService<SimulatedTargetParts>().AppService);
        builder.Services.AddSingleton<ITelemetrySource>(sp => sp.GetRequiredService<SimulatedTargetParts>().AppService);
        builder.Services.AddSingleton<ISourceControl>(sp => sp.GetRequiredService<SimulatedTargetParts>().Source);
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
            sp.GetRequiredService<ISlotController>(), sp.GetRequiredService<IAlertParser>(), ReleaseApiOptions.Default, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<INotificationPublisher>()));
        builder.Services.AddHostedService<ResumeReleasesService>();
        builder.Services.AddHostedService<ProductionHealthService>();
        builder.Services.AddServeFeedback(settings);
        configure?.Invoke(builder);

        var app = builder.Build();
        _ = app.Services.GetRequiredService<INotificationPublisher>(); // binds and validates the Notifications section now, not at the first release
        app.UseMiddleware<ApiGuardMiddleware>();
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
        ApiEndpoints.Map(app);
        return app;
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
