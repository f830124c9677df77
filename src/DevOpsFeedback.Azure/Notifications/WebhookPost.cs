using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Notifications;

namespace DevOpsFeedback.Azure.Notifications;

/// <summary>One POST of a JSON body to a sink, with every failure translated into a <see cref="SinkResponse"/> at this edge.</summary>
internal static class WebhookPost
{
    private const int MaxBodyChars = 2_000;

    /// <param name="classify">Turns (status, response body, Retry-After) into the sink's verdict on the attempt.</param>
    public static async Task<SinkResponse> SendAsync(
        HttpPipeline pipeline,
        SinkEndpoint endpoint,
        BinaryData body,
        IEnumerable<KeyValuePair<string, string>> headers,
        Func<int, string, TimeSpan?, SinkResponse> classify,
        CancellationToken cancellationToken)
    {
        using var request = pipeline.CreateRequest();
        request.Method = RequestMethod.Post;
        request.Uri.Reset(endpoint.Url);
        request.Headers.Add("Content-Type", "application/json; charset=utf-8");
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        request.Content = RequestContent.Create(body);
        try
        {
            using var response = await pipeline.SendRequestAsync(request, cancellationToken);
            var text = response.ContentStream is null ? "" : response.Content.ToString();
            if (text.Length > MaxBodyChars) text = text[..MaxBodyChars];
            return classify(response.Status, text, RetryAfter(response));
        }
        catch (RequestFailedException ex) when (ex.Status == 0)
        {
            return SinkResponse.Unreachable("no answer: " + Redact(ex.InnerException?.Message ?? ex.Message, endpoint));
        }
        catch (HttpRequestException ex)
        {
            return SinkResponse.Unreachable("no answer: " + Redact(ex.Message, endpoint));
        }
        catch (IOException ex)
        {
            return SinkResponse.Unreachable("connection broke: " + Redact(ex.Message, endpoint));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SinkResponse.Unreachable("no answer within the attempt timeout");
        }
    }

    /// <summary>Retry-After as delta-seconds (what Slack and Teams send); an HTTP date or junk is ignored.</summary>
    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value) &&
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>Errors never carry the webhook URL's path or query: they hold its secret.</summary>
    private static string Redact(string message, SinkEndpoint endpoint)
    {
        var redacted = message.Replace(endpoint.Url.AbsoluteUri, $"{endpoint.Url.Scheme}://{endpoint.Url.Authority}/…", StringComparison.OrdinalIgnoreCase);
        return endpoint.Url.PathAndQuery.Length > 1
            ? redacted.Replace(endpoint.Url.PathAndQuery, "/…", StringComparison.OrdinalIgnoreCase)
            : redacted;
    }
}
