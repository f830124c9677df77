using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace DevOpsFeedback.Functions;

/// <summary>A concrete <see cref="HttpRequestData"/> over an in-memory body; its responses are <see cref="TestHttpResponseData"/>.</summary>
internal sealed class TestHttpRequestData(FunctionContext context, string method, Uri url, byte[] body) : HttpRequestData(context)
{
    public static TestHttpRequestData Create(string method, string url, string body = "", CancellationToken cancellationToken = default) =>
        new(Context(cancellationToken), method, new Uri(url), Encoding.UTF8.GetBytes(body));

    public static TestHttpRequestData Create(string method, string url, byte[] body) => new(Context(default), method, new Uri(url), body);

    /// <summary>A function context whose only used member is the invocation's cancellation token.</summary>
    public static FunctionContext Context(CancellationToken cancellationToken)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.CancellationToken).Returns(cancellationToken);
        return context.Object;
    }

    public override Stream Body { get; } = new MemoryStream(body, writable: false);

    public override HttpHeadersCollection Headers { get; } = new();

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override System.Collections.Specialized.NameValueCollection Query => System.Web.HttpUtility.ParseQueryString(Url.Query);

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}
