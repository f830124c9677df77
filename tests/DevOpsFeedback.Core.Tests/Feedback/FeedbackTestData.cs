using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Feedback;

/// <summary>Seeded feedback about three subjects of one app, plus noise.</summary>
internal static class FeedbackTestData
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[][] Subjects =
    [
        ["Export fails on large reports", "The report export times out for large files", "Large report export crashes", "CSV export of the monthly report fails", "export of big reports never finishes"],
        ["Cannot login with SSO", "SSO login loops back to the sign in page", "Login fails after password reset", "Single sign on login broken on Safari"],
        ["Please add a dark mode", "Dark mode for the dashboard would be great", "Dark theme option for night work", "Add dark mode to reports viewer"],
    ];

    public static List<FeedbackRecord> Corpus(int perSubject = 40, int seed = 7)
    {
        var random = new Random(seed);
        var list = new List<FeedbackRecord>();
        var n = 0;
        for (var s = 0; s < Subjects.Length; s++)
        {
            for (var i = 0; i < perSubject; i++)
            {
                var text = Subjects[s][random.Next(Subjects[s].Length)];
                var category = s == 2 ? FeedbackCategory.Idea : FeedbackCategory.Bug;
                list.Add(new FeedbackRecord($"f{n:D5}", "web", "1.0.0", false, random.Next(1, 6), category, text, $"u{random.Next(1000)}", null, Start.AddHours(n * 3)));
                n++;
            }
        }

        string[] noise = ["Love it", "ok", "Why?", "Great job team", "meh"];
        foreach (var text in noise)
        {
            list.Add(new FeedbackRecord($"f{n:D5}", "web", "1.0.0", false, 5, FeedbackCategory.Praise, text, null, null, Start.AddHours(n * 3)));
            n++;
        }

        return list;
    }
}
