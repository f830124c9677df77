namespace DevOpsFeedback.Notifications;

public sealed class NotificationOptionsTests
{
    [Fact]
    public void Validate_GoodOptions_HasNoErrors()
    {
        Assert.Empty(TestOptions.Create().Validate());
    }

    [Fact]
    public void Validate_NothingConfigured_IsValidAndDisabled()
    {
        var o = new NotificationOptions();

        Assert.Empty(o.Validate());
        Assert.False(o.IsEnabled);
        Assert.Empty(new NotificationRouter(o).SinksFor("contoso-web", NotificationKind.Succeeded));
    }

    [Theory]
    [InlineData("base missing", "Notifications:BaseUrl")]
    [InlineData("base relative", "Notifications:BaseUrl")]
    [InlineData("sink type", "Notifications:Sinks:audit:Type")]
    [InlineData("sink url http", "Notifications:Sinks:audit:Url")]
    [InlineData("sink url missing", "Notifications:Sinks:audit:Url")]
    [InlineData("sink url userinfo", "Notifications:Sinks:audit:Url")]
    [InlineData("sink name", "Notifications:Sinks:bad name")]
    [InlineData("short secret", "Notifications:Sinks:audit:Secret")]
    [InlineData("route app", "Notifications:Routes:bad app!")]
    [InlineData("route kind", "Notifications:Routes:contoso-web:deployed")]
    [InlineData("route sink", "Notifications:Routes:contoso-web:approval-needed:0")]
    [InlineData("sink apps", "Notifications:Sinks:audit:Apps:1")]
    [InlineData("sink kinds", "Notifications:Sinks:audit:Kinds:0")]
    [InlineData("attempts", "Notifications:Delivery:MaxAttempts")]
    [InlineData("max delay", "Notifications:Delivery:MaxDelay")]
    [InlineData("attempt timeout", "Notifications:Delivery:AttemptTimeout")]
    public void Validate_BadSetting_NamesItsKey(string change, string key)
    {
        var o = TestOptions.Create(o =>
        {
            switch (change)
            {
                case "base missing": o.BaseUrl = null; break;
                case "base relative": o.BaseUrl = "/api"; break;
                case "sink type": o.Sinks["audit"].Type = "email"; break;
                case "sink url http": o.Sinks["audit"].Url = "http://hooks.contoso.test/audit"; break;
                case "sink url missing": o.Sinks["audit"].Url = null; break;
                case "sink url userinfo": o.Sinks["audit"].Url = "https://user:pw@hooks.contoso.test/audit"; break;
                case "sink name": o.Sinks["bad name"] = new NotificationSinkOptions { Type = "webhook", Url = "https://x.test" }; break;
                case "short secret": o.Sinks["audit"].Secret = "short"; break;
                case "route app": o.Routes["bad app!"] = new() { ["*"] = ["audit"] }; break;
                case "route kind": o.Routes["contoso-web"]["deployed"] = ["audit"]; break;
                case "route sink": o.Routes["contoso-web"]["approval-needed"] = ["nobody"]; break;
                case "sink apps": o.Sinks["audit"].Apps = ["*", "bad app!"]; break;
                case "sink kinds": o.Sinks["audit"].Kinds = ["deployed"]; break;
                case "attempts": o.Delivery.MaxAttempts = 0; break;
                case "max delay": o.Delivery.MaxDelay = TimeSpan.FromSeconds(1); break;
                case "attempt timeout": o.Delivery.AttemptTimeout = TimeSpan.Zero; break;
                default: throw new ArgumentOutOfRangeException(nameof(change));
            }
        });

        var errors = o.Validate();

        Assert.Contains(errors, e => e.StartsWith(key + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook", true)]
    [InlineData("http://[::1]:5000/hook", true)]
    [InlineData("http://localhost:5000/hook", true)]
    [InlineData("https://hooks.slack.test/services/x", true)]
    [InlineData("http://hooks.slack.test/services/x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    public void TryParseSinkUrl_AcceptsHttpsAndLoopbackHttpOnly(string url, bool ok)
    {
        Assert.Equal(ok, NotificationOptions.TryParseSinkUrl(url, out _, out _));
    }

    [Theory]
    [InlineData(1, null, 2)]
    [InlineData(2, null, 4)]
    [InlineData(3, null, 8)]
    [InlineData(7, null, 120)]
    [InlineData(40, null, 120)]
    [InlineData(1, 30, 30)]
    [InlineData(1, 600, 120)]
    [InlineData(4, 1, 16)]
    public void DelayAfter_DoublesFromInitialUpToMaxAndHonoursRetryAfter(int attempt, int? retryAfterSeconds, int expectedSeconds)
    {
        var d = new NotificationDeliveryOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMinutes(2) };

        var delay = d.DelayAfter(attempt, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void KindNames_RoundTripAndAreUnique()
    {
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            Assert.True(NotificationKinds.TryParse(NotificationKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(NotificationKinds.AllNames.Length, NotificationKinds.AllNames.Distinct().Count());
        Assert.False(NotificationKinds.TryParse("RolledBack", out _));
    }
}
