using System.Text.Json.Nodes;
using Azure.Core;

namespace DevOpsFeedback.Azure.AppService;

public sealed partial class AppServiceSlotController
{
    /// <inheritdoc />
    /// <remarks>
    /// Rewrites production's <c>experiments.rampUpRules</c> (the array is replaced as a whole): the rule for the staging
    /// slot's <c>defaultHostName</c> is set to <paramref name="percent"/>, or removed for 0; rules for other slots are kept as they are.
    /// </remarks>
    public Task SetCanaryAsync(string app, double percent, CancellationToken cancellationToken)
    {
        var site = _options.ResolveSite(app);
        if (!double.IsFinite(percent) || percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent must be between 0 and 100.");
        }

        return AtEdgeAsync(
            $"Routing {percent}% of '{app}' production traffic to {_options.StagingSlotName}",
            async () =>
            {
                await SetCanaryCoreAsync(site, percent, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    private async Task SetCanaryCoreAsync(SiteResourceId site, double percent, CancellationToken cancellationToken)
    {
        var productionTask = ReadSlotAsync(site, null, cancellationToken, withSettings: false);
        var stagingTask = ReadSlotAsync(site, _options.StagingSlotName, cancellationToken, withSettings: false);
        await Task.WhenAll(productionTask, stagingTask);
        var stagingHost = (await stagingTask).State.HostName;

        var rules = new JsonArray();
        foreach (var rule in (await productionTask).RampUpRules)
        {
            if (!string.Equals(rule.ActionHostName, stagingHost, StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(rule.Name, _options.StagingSlotName, StringComparison.OrdinalIgnoreCase))
            {
                rules.Add(JsonNode.Parse(rule.Raw.GetRawText()));
            }
        }

        if (percent > 0)
        {
            rules.Add(new JsonObject
            {
                ["name"] = _options.StagingSlotName,
                ["actionHostName"] = stagingHost,
                ["reroutePercentage"] = percent,
            });
        }

        var body = new JsonObject { ["properties"] = new JsonObject { ["experiments"] = new JsonObject { ["rampUpRules"] = rules } } };
        using var response = await _arm.SendAsync(RequestMethod.Patch, site.Path + "/config/web", body, [200], cancellationToken);
    }
}
