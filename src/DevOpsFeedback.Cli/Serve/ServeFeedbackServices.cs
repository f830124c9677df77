using DevOpsFeedback.Azure.Hosting;

namespace DevOpsFeedback.Cli.Serve;

/// <summary>
/// The feedback and planning services of <c>dfb serve</c>: the Azure host's wiring (<see cref="FeedbackServices"/>,
/// <c>Feedback__*</c> and <c>PlanningDigest__*</c> as in Azure, read when first used), except that the salt defaults to one
/// kept in the data folder, and the weekly digest runs as a background service.
/// </summary>
public static class ServeFeedbackServices
{
    public static IServiceCollection AddServeFeedback(this IServiceCollection services, ServeSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var options = configuration.GetSection(FeedbackOptions.SectionName).Get<FeedbackOptions>() ?? new FeedbackOptions();
            options.UserRefSalt ??= FeedbackSalt.LoadOrCreate(settings.DataDirectory);
            return options;
        });
        services.AddDevOpsFeedbackPlanning(configuration);
        services.AddHostedService<PlanningDigestService>();
        return services;
    }
}
