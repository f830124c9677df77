using Azure.Core;
using Azure.Core.Pipeline;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>Sets fixed headers (authorization, API version, user agent) on every request of a pipeline.</summary>
internal sealed class StaticHeadersPolicy(IReadOnlyList<KeyValuePair<string, string>> headers) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        foreach (var (name, value) in headers) message.Request.Headers.SetValue(name, value);
    }
}
