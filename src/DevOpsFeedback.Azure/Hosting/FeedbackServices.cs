using Azure.Core;
using DevOpsFeedback.Api;
using DevOpsFeedback.Feedback;
using DevOpsFeedback.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DevOpsFeedback.Azure.Hosting;

/// <summary>The feedback, planning and DORA routes and the weekly digest of the Azure host, wired from configuration.</summary>
public static class FeedbackServices
{
    public static IServiceCollection AddDevOpsFeedbackPlanning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // TryAdd: a host may register its own options first (dfb serve keeps a generated salt in its data folder).
        services.TryAddSingleton(_ => Bind<FeedbackOptions>(configuration, FeedbackOptions.SectionName));
        services.TryAddSingleton(_ => Bind<PlanningDigestOptions>(configuration, PlanningDigestOptions.SectionName));
        services.AddSingleton<IDeliverySignals>(sp => new ReleaseLogDeliverySignals(sp.GetRequiredService<IReleaseStore>(), sp.GetRequiredService<IDocumentStore>()));
        services.AddSingleton(sp => new FeedbackApi(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IReleaseStore>(),
            sp.GetRequiredService<IDeliverySignals>(), sp.GetRequiredService<FeedbackOptions>().ToApiOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var digest = sp.GetRequiredService<PlanningDigestOptions>();
            return new PlanningDigest(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IDeliverySignals>(),
                digest.CreateSink(sp.GetService<TokenCredential>()), sp.GetRequiredService<TimeProvider>(), digest.Period);
        });
        return services;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
