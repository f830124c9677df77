using System.Net;
using System.Text.Json;
using DevOpsFeedback.Api;
using DevOpsFeedback.Orchestration;
using Microsoft.Azure.Functions.Worker.Http;

namespace DevOpsFeedback.Functions;

/// <summary>Reads request bodies (1 MiB limit) and writes <see cref="ApiResult"/>s, the same way <c>dfb serve</c> does.</summary>
public static class HttpResults
{
    public static async Task<ReadOnlyMemory<byte>?> BodyAsync(HttpRequestData request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.FunctionContext.CancellationToken)) > 0)
        {
            if (buffer.Length + read > StrictJson.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, ApiResult result)
    {
        var response = request.CreateResponse((HttpStatusCode)result.Status);
        if (result.Location is not null) response.Headers.Add("Location", result.Location);
        if (result.RetryAfterSeconds is { } retryAfter) response.Headers.Add("Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (result.Body is null) return response;
        response.Headers.Add("Content-Type", result.ContentType);
        if (result.Body is string text) await response.WriteStringAsync(text, request.FunctionContext.CancellationToken);
        else await JsonSerializer.SerializeAsync(response.Body, result.Body, result.Body.GetType(), ReleaseJson.Options, request.FunctionContext.CancellationToken);
        return response;
    }

    /// <summary>Reads the body, answering 413 itself when it is over the limit, then runs the use case.</summary>
    public static async Task<HttpResponseData> HandleAsync(HttpRequestData request, Func<ReadOnlyMemory<byte>, Task<ApiResult>> useCase)
    {
        var body = await BodyAsync(request);
        return await WriteAsync(request, body is { } b ? await useCase(b) : ApiResult.Problem(ApiProblem.TooLarge(StrictJson.MaxBodyBytes)));
    }
}
