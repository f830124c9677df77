using DevOpsFeedback.Api;
using DevOpsFeedback.Azure.Hosting;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The feedback and planning services of <c>dfb serve</c>, from configuration (<c>Feedback__*</c>,
/// <c>PlanningDigest__*</c>, as in Azure) read when first used: the salt defaults to one kept in the data folder.
/// </summary>
public static class ServeFeedbackServices
{
    public static IServiceCollection AddServeFeedback(this IServiceCollection services, ServeSettings settings)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IConfiguration>().GetSection(FeedbackOptions.SectionName).Get<FeedbackOptions>() ?? new FeedbackOptions();
            options.UserRefSalt ??= FeedbackSalt.LoadOrCreate(settings.DataDirectory);
            return options;
        });
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(PlanningDigestOptions.SectionName).Get<PlanningDigestOptions>() ?? new PlanningDigestOptions());
        services.AddSingleton<IDeliverySignals>(sp => new ReleaseLogDeliverySignals(sp.GetRequiredService<IReleaseStore>(), sp.GetRequiredService<IDocumentStore>()));
        services.AddSingleton(sp => new FeedbackApi(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IReleaseStore>(),
            sp.GetRequiredService<IDeliverySignals>(), sp.GetRequiredService<FeedbackOptions>().ToApiOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var digest = sp.GetRequiredService<PlanningDigestOptions>();
            return new PlanningDigest(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IDeliverySignals>(),
                digest.CreateSink(credential: null), sp.GetRequiredService<TimeProvider>(), digest.Period);
        });
        services.AddHostedService<PlanningDigestService>();
        return services;
    }
}
