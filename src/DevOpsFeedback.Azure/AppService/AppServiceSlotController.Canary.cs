using System.Text.Json.Nodes;
using Azure.Core;

namespace DevOpsFeedback.Azure.AppService;

public sealed partial class AppServiceSlotController
{
    /// <inheritdoc />
    /// <remarks>
    /// Rewrites production's <c>experiments.rampUpRules</c> (the array is replaced as a whole): the rule for the staging
    /// slot's <c>defaultHostName</c> is set to <paramref name="percent"/>, or removed for 0; rules for other slots are kept.
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
                var productionTask = ReadSlotAsync(site, null, cancellationToken);
                var stagingTask = ReadSlotAsync(site, _options.StagingSlotName, cancellationToken);
                await Task.WhenAll(productionTask, stagingTask);
                var stagingHost = (await stagingTask).State.HostName;

                var rules = new JsonArray();
                foreach (var rule in (await productionTask).RampUpRules)
                {
                    if (!string.Equals(rule.ActionHostName, stagingHost, StringComparison.OrdinalIgnoreCase) &&
                        !string.Equals(rule.Name, _options.StagingSlotName, StringComparison.OrdinalIgnoreCase))
                    {
                        rules.Add(new JsonObject { ["name"] = rule.Name, ["actionHostName"] = rule.ActionHostName, ["reroutePercentage"] = rule.Percent });
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
                return true;
            },
            cancellationToken);
    }
}
