using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using DevOpsFeedback.Feedback;

namespace DevOpsFeedback.Azure.Planning;

/// <summary>Sends a request through a sink's pipeline and turns every non-success into a <see cref="PlanningSinkException"/>.</summary>
internal static class SinkHttp
{
    public static async Task<JsonDocument> SendJsonAsync(
        HttpPipeline pipeline, string sink, RequestMethod method, Uri uri, string? contentType, byte[]? body,
        Func<Response, string?> explain, CancellationToken cancellationToken)
    {
        using var request = pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(uri);
        if (body is not null)
        {
            request.Headers.SetValue("Content-Type", contentType ?? "application/json");
            request.Content = RequestContent.Create(body);
        }

        Response response;
        try
        {
            response = await pipeline.SendRequestAsync(request, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw new PlanningSinkException(sink, ex.Status, $"{method} {uri.AbsolutePath} failed: {ex.Message}", ex);
        }

        using (response)
        {
            if (explain(response) is { } problem)
            {
                throw new PlanningSinkException(sink, response.Status, $"{method} {uri.AbsolutePath}: {problem}");
            }

            if (response.Status is < 200 or > 299)
            {
                throw new PlanningSinkException(sink, response.Status, $"{method} {uri.AbsolutePath} answered {response.Status}: {ErrorMessage(response)}");
            }

            if (!IsJson(response))
            {
                throw new PlanningSinkException(sink, response.Status, $"{method} {uri.AbsolutePath} answered {response.Status} with {response.Headers.ContentType ?? "no content type"}, not JSON");
            }

            try
            {
                return JsonDocument.Parse(response.Content.ToMemory());
            }
            catch (JsonException ex)
            {
                throw new PlanningSinkException(sink, response.Status, $"{method} {uri.AbsolutePath} answered malformed JSON", ex);
            }
        }
    }

    public static bool IsJson(Response response) =>
        response.Headers.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The service's own message (<c>message</c> in Azure DevOps and GitHub error bodies), or the status text.</summary>
    public static string ErrorMessage(Response response)
    {
        if (IsJson(response) && response.Content.ToMemory().Length > 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(response.Content.ToMemory());
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    return m.GetString()!;
                }
            }
            catch (JsonException ex)
            {
                return $"{response.ReasonPhrase} (unreadable error body: {ex.Message})";
            }
        }

        return string.IsNullOrEmpty(response.ReasonPhrase) ? "no message" : response.ReasonPhrase;
    }
}
