using System.Net;
using System.Net.Sockets;
using Azure.Core.Pipeline;
using DevOpsFeedback.Azure.Loopback;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>A started stand-in with one site ("shop", production on 1.4.0, staging on 1.5.0) and a controller wired to it.</summary>
internal sealed class StandInHarness : IAsyncDisposable
{
    public const string App = "shop";

    private StandInHarness(ArmStandIn standIn, StandInSite site)
    {
        StandIn = standIn;
        Site = site;
    }

    public ArmStandIn StandIn { get; }

    public StandInSite Site { get; }

    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Time { get; } = new(Start);

    /// <summary>Virtual time spent since the harness started.</summary>
    public TimeSpan Elapsed => Time.GetUtcNow() - Start;

    public StaticTokenCredential Credential { get; private set; } = new();

    public static async Task<StandInHarness> StartAsync()
    {
        var standIn = await ArmStandIn.StartAsync();
        var site = standIn.AddSite("shop-web");
        var production = site.Production;
        production.AppSettings = new(StringComparer.Ordinal)
        {
            ["DFB_VERSION"] = "1.4.0",
            ["DFB_COMMIT"] = "aaa111",
            ["SLOT_NAME"] = "production",
            ["FEATURE_X"] = "off",
        };
        production.ConnectionStrings = new(StringComparer.Ordinal) { ["Db"] = ("Server=prod", "SQLAzure") };
        production.HealthCheckPath = "/healthz";
        var staging = site.Slot("staging");
        staging.AppSettings = new(StringComparer.Ordinal)
        {
            ["DFB_VERSION"] = "1.5.0",
            ["DFB_COMMIT"] = "bbb222",
            ["SLOT_NAME"] = "staging",
            ["FEATURE_X"] = "on",
        };
        staging.ConnectionStrings = new(StringComparer.Ordinal) { ["Db"] = ("Server=staging", "SQLAzure") };
        staging.HealthCheckPath = "/healthz";
        site.StickyAppSettings.Add("SLOT_NAME");
        site.StickyConnectionStrings.Add("Db");
        return new StandInHarness(standIn, site);
    }

    public AppServiceOptions Options(string? resourceId = null) => new()
    {
        ArmEndpoint = StandIn.Endpoint,
        Apps = new(StringComparer.OrdinalIgnoreCase) { [App] = resourceId ?? Site.Id },
        SwapTimeout = TimeSpan.FromMinutes(5),
        DefaultPollInterval = TimeSpan.FromSeconds(10),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        SmokeTestPort = StandIn.Port,
    };

    public AppServiceSlotController Controller(AppServiceOptions? options = null, StaticTokenCredential? credential = null)
    {
        Credential = credential ?? Credential;
        return new AppServiceSlotController(options ?? Options(), Credential, Time, Transport());
    }

    /// <summary>Trusts the stand-in's certificate only, and connects every host name to the stand-in on loopback.</summary>
    public HttpClientTransport Transport() => new(Handler());

    /// <summary>The handler behind <see cref="Transport"/>, for tests that talk to the stand-in's front end directly.</summary>
    public SocketsHttpHandler Handler()
    {
        var thumbprint = StandIn.Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == thumbprint;
        return handler;
    }

    public ValueTask DisposeAsync() => StandIn.DisposeAsync();
}
