using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevOpsFeedback.Azure.Loopback;

/// <summary>
/// A small ASP.NET Core app on 127.0.0.1 and a free port, over HTTPS with a throw-away self-signed certificate
/// (Azure.Core refuses bearer tokens over plain HTTP), and a client transport that trusts exactly that certificate.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> Certificate = new(CreateCertificate);

    private readonly WebApplication _app;
    private readonly SocketsHttpHandler _handler;

    private LoopbackServer(WebApplication app, Uri baseUri, SocketsHttpHandler handler)
    {
        _app = app;
        BaseUri = baseUri;
        _handler = handler;
        Transport = new HttpClientTransport(handler);
    }

    public Uri BaseUri { get; }

    /// <summary>An Azure.Core transport that reaches this server and trusts its certificate only.</summary>
    public HttpPipelineTransport Transport { get; }

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, bool https = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var certificate = https ? Certificate.Value : null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var thumbprint = certificate?.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == thumbprint,
            },
        };
        return new LoopbackServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), handler);
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
