using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Cli.Commands;

/// <summary>
/// A seeded synthetic planning workload: apps with releases over a year (10 % rolled back, 3 % failed), incidents,
/// and feedback about a few subjects per app with the version production ran when it arrived. Same seed, same data.
/// </summary>
public sealed record PlanningWorkload(PlanningInput Input, int Apps)
{
    private static readonly string[] Subjects =
    [
        "export report csv large timeout", "login sso password reset session", "dark mode theme contrast night",
        "checkout payment card declined retry", "search results slow filter relevance", "upload attachment size limit fails",
        "notification email digest duplicate", "dashboard chart widget loading", "mobile layout button overlap scroll",
        "invoice pdf total rounding currency", "calendar timezone meeting invite", "api token permission scope error",
    ];

    private static readonly string[] Filler =
    [
        "really", "since", "update", "yesterday", "again", "customers", "team", "morning", "every", "week", "users", "page",
        "broken", "annoying", "great", "slow", "quickly", "sometimes", "always", "issue", "problem", "feature", "works", "needs",
    ];

    public static PlanningWorkload Generate(int feedbackCount, int releaseCount, int apps, int seed, DateTimeOffset now)
    {
        var random = new Random(seed);
        var since = now.AddDays(-365);
        var appNames = Enumerable.Range(0, apps).Select(i => $"app-{i:D3}").ToArray();
        var subjectWords = Subjects.Select(s => s.Split(' ')).ToArray();

        var deployments = new List<DeploymentRecord>(releaseCount);
        var perApp = new List<DeploymentRecord>[apps];
        for (var a = 0; a < apps; a++) perApp[a] = [];
        for (var r = 0; r < releaseCount; r++)
        {
            var a = r % apps;
            var deployed = since.AddMinutes(random.NextDouble() * 365 * 24 * 60);
            var commit = deployed.AddMinutes(-random.Next(10, 7 * 24 * 60));
            var roll = random.NextDouble();
            var outcome = roll < 0.10 ? DeploymentOutcome.RolledBack : roll < 0.13 ? DeploymentOutcome.Failed : DeploymentOutcome.Succeeded;
            DateTimeOffset? restored = outcome == DeploymentOutcome.Succeeded ? null : deployed.AddMinutes(random.Next(5, 600));
            var d = new DeploymentRecord(appNames[a], $"rel-{r:D6}", $"1.{r / apps}.0", commit, deployed, outcome, restored,
                outcome == DeploymentOutcome.Succeeded ? null : "5xx rate above baseline");
            deployments.Add(d);
            perApp[a].Add(d);
        }

        var timelines = perApp.Select(list => new ProductionTimeline(list)).ToArray();
        var incidents = new List<IncidentRecord>(releaseCount / 10);
        for (var i = 0; i < releaseCount / 10; i++)
        {
            var fired = since.AddMinutes(random.NextDouble() * 365 * 24 * 60);
            DateTimeOffset? resolved = random.NextDouble() < 0.95 ? fired.AddMinutes(random.Next(5, 2000)) : null;
            incidents.Add(new IncidentRecord(appNames[i % apps], $"inc-{i:D6}", $"Sev{random.Next(0, 5)}", "HTTP 5xx above threshold", fired, resolved));
        }

        var users = Enumerable.Range(0, Math.Max(1000, feedbackCount / 5)).Select(i => $"{i:x16}{i * 2654435761L:x16}").ToArray();
        var feedback = new FeedbackRecord[feedbackCount];
        var words = new string[8];
        for (var f = 0; f < feedbackCount; f++)
        {
            var a = random.Next(apps);
            var subject = subjectWords[(a + random.Next(4)) % subjectWords.Length];
            var n = 4 + random.Next(5);
            for (var w = 0; w < n; w++) words[w] = random.NextDouble() < 0.6 ? subject[random.Next(subject.Length)] : Filler[random.Next(Filler.Length)];
            var at = since.AddMinutes(random.NextDouble() * 365 * 24 * 60);
            var version = timelines[a].At(at)?.Version;
            var category = (FeedbackCategory)random.Next(4);
            feedback[f] = new FeedbackRecord($"fb-{f:D8}", appNames[a], version, version is not null, random.NextDouble() < 0.7 ? random.Next(1, 6) : null,
                category, string.Join(' ', words, 0, n), users[random.Next(users.Length)], null, at);
        }

        return new PlanningWorkload(new PlanningInput(feedback, deployments, incidents, [], since, now), apps);
    }
}
