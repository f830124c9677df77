using System.Net;
using System.Net.Http.Headers;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>The stand-in's own contract checks (section 9 of the reference), seen by a plain HTTP client.</summary>
public sealed class ArmStandInTests : IAsyncLifetime
{
    private StandInHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await StandInHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private HttpClient Client()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate?.GetCertHashString() == _harness.StandIn.Certificate.GetCertHashString(),
        };
        return new HttpClient(handler) { BaseAddress = _harness.StandIn.Endpoint };
    }

    [Fact]
    public async Task Get_WithoutApiVersion_Returns400MissingApiVersionParameter()
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ArmStandIn.Token);

        using var response = await client.GetAsync(new Uri(_harness.Site.Id, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MissingApiVersionParameter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutBearer_Returns401WithChallenge()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri(_harness.Site.Id + "?api-version=2025-05-01", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swap_WithoutPreserveVnet_Returns400()
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ArmStandIn.Token);
        using var body = new StringContent("""{"targetSlot":"production"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(_harness.Site.Id + "/slots/staging/slotsswap?api-version=2025-05-01", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
