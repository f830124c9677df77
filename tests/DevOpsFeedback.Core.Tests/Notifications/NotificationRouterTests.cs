namespace DevOpsFeedback.Notifications;

public sealed class NotificationRouterTests
{
    [Theory]
    [InlineData("contoso-web", NotificationKind.RolledBack, "audit,ops-slack,ops-teams")]
    [InlineData("contoso-web", NotificationKind.ApprovalNeeded, "audit,ops-teams")]
    [InlineData("CONTOSO-WEB", NotificationKind.ApprovalNeeded, "audit,ops-teams")]
    [InlineData("contoso-web", NotificationKind.Succeeded, "audit")]
    [InlineData("fabrikam-api", NotificationKind.RolledBack, "audit")]
    public void SinksFor_AppAndKind_IsTheUnionOfMatchingRoutesEachOnce(string app, NotificationKind kind, string expected)
    {
        var router = new NotificationRouter(TestOptions.Create());

        var names = router.SinksFor(app, kind).Select(s => s.Name);

        Assert.Equal(expected.Split(','), names);
    }

    [Theory]
    [InlineData("*", "approval-needed,rolled-back", "fabrikam-api", NotificationKind.RolledBack, true)]
    [InlineData("*", "approval-needed,rolled-back", "fabrikam-api", NotificationKind.Succeeded, false)]
    [InlineData("contoso-web", "", "contoso-web", NotificationKind.Succeeded, true)]
    [InlineData("contoso-web", "", "fabrikam-api", NotificationKind.Succeeded, false)]
    [InlineData("", "humans-paged", "fabrikam-api", NotificationKind.HumansPaged, true)]
    [InlineData("", "", "contoso-web", NotificationKind.Succeeded, false)]
    public void SinksFor_RouteKeptWithTheSink_AddsTheSinkForItsAppsAndKinds(string apps, string kinds, string app, NotificationKind kind, bool routed)
    {
        var router = new NotificationRouter(TestOptions.Create(o =>
        {
            o.Routes.Clear();
            o.Sinks["ops-teams"].Apps = [.. apps.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            o.Sinks["ops-teams"].Kinds = [.. kinds.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        }));

        var names = router.SinksFor(app, kind).Select(s => s.Name);

        Assert.Equal(routed ? ["ops-teams"] : [], names);
    }

    [Fact]
    public void SinksFor_NoCatchAllRoute_GivesNoneForOtherApps()
    {
        var router = new NotificationRouter(TestOptions.Create(o => o.Routes.Remove("*")));

        Assert.Empty(router.SinksFor("fabrikam-api", NotificationKind.Succeeded));
    }

    [Fact]
    public void SinksFor_ResolvesTypeAndUrlButNeverPrintsTheUrl()
    {
        var router = new NotificationRouter(TestOptions.Create());

        var slack = router.SinksFor("contoso-web", NotificationKind.RolledBack).Single(s => s.Name == "ops-slack");

        Assert.Equal(("slack", "https://hooks.slack.test/services/T/B/X"), (slack.Type, slack.Url.AbsoluteUri));
        Assert.DoesNotContain("services", slack.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingEachKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NotificationRouter(TestOptions.Create(o =>
        {
            o.BaseUrl = null;
            o.Sinks["audit"].Type = "pager";
        })));

        Assert.Contains("Notifications:BaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Sinks:audit:Type", ex.Message, StringComparison.Ordinal);
    }
}
