using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>
/// The HTTP side of the adapter: one Azure.Core pipeline with a bearer token and a retry policy that honours
/// <c>Retry-After</c>, ARM URLs with the api-version, long-running-operation polling, and error translation.
/// </summary>
internal sealed class ArmConnection
{
    private const int MaxPollUriLength = 4096;
    private readonly HttpPipeline _pipeline;
    private readonly AppServiceOptions _options;
    private readonly TimeProvider _time;

    public ArmConnection(AppServiceOptions options, TokenCredential credential, TimeProvider time, HttpPipelineTransport? transport)
    {
        _options = options;
        _time = time;
        var clientOptions = new ArmClientOptions
        {
            RetryPolicy = new RetryPolicy(
                options.MaxRetries,
                DelayStrategy.CreateExponentialDelayStrategy(options.RetryDelay, TimeSpan.FromMinutes(1))),
        };
        clientOptions.Diagnostics.ApplicationId = "DevOpsFeedback";
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }

        _pipeline = HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, options.TokenScope));
    }

    /// <summary>Sends a request to <paramref name="path"/> on the ARM endpoint and returns the answer if its status is expected.</summary>
    public Task<Response> SendAsync(RequestMethod method, string path, JsonNode? body, int[] expected, CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(_options.ArmEndpoint)
        {
            Path = path,
            Query = "api-version=" + Uri.EscapeDataString(_options.ApiVersion),
        }.Uri;
        return SendAsync(method, uri, body, expected, cancellationToken);
    }

    /// <summary>Sends a request to a full URL the service gave us (poll URL, next link) after checking its authority.</summary>
    public async Task<Response> SendAsync(RequestMethod method, Uri uri, JsonNode? body, int[] expected, CancellationToken cancellationToken)
    {
        using var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(uri);
        request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }
        else if (method == RequestMethod.Post || method == RequestMethod.Put || method == RequestMethod.Patch)
        {
            request.Content = RequestContent.Create(BinaryData.Empty);
        }

        var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (!expected.Contains(response.Status))
        {
            throw new RequestFailedException(response);
        }

        return response;
    }

    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Get, path, null, [200], cancellationToken);
        return ArmJson.Parse(response, path);
    }

    public async Task<JsonElement> PostJsonAsync(string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(RequestMethod.Post, path, body, [200], cancellationToken);
        return ArmJson.Parse(response, path);
    }

    /// <summary>A URL taken from a response: it must be absolute, on the ARM endpoint's authority, and not huge.</summary>
    public Uri CheckServiceUri(string? value, string header)
    {
        if (value is null || value.Length > MaxPollUriLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            throw new AppServiceException(AppServiceErrorKind.MalformedResponse, $"ARM sent an unusable {header} URL '{Truncate(value)}'.");
        }

        if (!string.Equals(uri.Scheme, _options.ArmEndpoint.Scheme, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(uri.Authority, _options.ArmEndpoint.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new AppServiceException(
                AppServiceErrorKind.MalformedResponse,
                $"ARM sent a {header} URL on '{uri.Authority}', not on the ARM endpoint '{_options.ArmEndpoint.Authority}'; the token is not sent there.");
        }

        return uri;
    }

    /// <summary>
    /// Waits for a long-running operation started by <paramref name="initial"/>: polls <c>Azure-AsyncOperation</c> when
    /// present, else <c>Location</c>, honouring <c>Retry-After</c>, until a terminal state or <paramref name="deadline"/>.
    /// </summary>
    public async Task WaitForCompletionAsync(Response initial, string operation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var asyncOperation = Header(initial, "Azure-AsyncOperation");
        var location = Header(initial, "Location");
        if (asyncOperation is null && location is null)
        {
            if (initial.Status == 202)
            {
                throw new AppServiceException(
                    AppServiceErrorKind.MalformedResponse,
                    $"{operation}: ARM answered 202 Accepted without a Location or Azure-AsyncOperation header to poll.",
                    202);
            }

            return;
        }

        var useAsyncOperation = asyncOperation is not null;
        var pollUri = useAsyncOperation
            ? CheckServiceUri(asyncOperation, "Azure-AsyncOperation")
            : CheckServiceUri(location, "Location");
        var delay = RetryAfter(initial) ?? _options.DefaultPollInterval;
        while (true)
        {
            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new AppServiceException(
                    AppServiceErrorKind.Timeout,
                    $"{operation} did not finish within {_options.SwapTimeout}; ARM may still be working on it. Read the slots before trying again.");
            }

            await Task.Delay(delay < remaining ? delay : remaining, _time, cancellationToken);
            using var poll = useAsyncOperation
                ? await SendAsync(RequestMethod.Get, pollUri, null, [200, 201, 202], cancellationToken)
                : await SendAsync(RequestMethod.Get, pollUri, null, [200, 201, 202, 204, 400, 404, 409, 410, 412, 422, 500, 502, 503, 504], cancellationToken);
            if (useAsyncOperation ? IsAsyncOperationDone(poll, operation) : IsLocationDone(poll, operation))
            {
                return;
            }

            delay = RetryAfter(poll) ?? _options.DefaultPollInterval;
        }
    }

    private static bool IsLocationDone(Response poll, string operation)
    {
        if (poll.Status is 200 or 201 or 204)
        {
            return true;
        }

        if (poll.Status == 202)
        {
            return false;
        }

        var (code, message) = ArmJson.TryError(poll);
        throw new AppServiceException(
            AppServiceErrorKind.OperationFailed,
            $"{operation} failed ({poll.Status}): {message ?? "ARM gave no error message"}{(code is null ? "" : $" ({code})")}.",
            poll.Status,
            code);
    }

    private static bool IsAsyncOperationDone(Response poll, string operation)
    {
        var body = ArmJson.Parse(poll, operation + " status");
        var status = ArmJson.RequiredString(body, "status", operation + " status");
        if (status.Equals("Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (status.Equals("Failed", StringComparison.OrdinalIgnoreCase) || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase))
        {
            var (code, message) = ArmJson.Error(body);
            throw new AppServiceException(
                AppServiceErrorKind.OperationFailed,
                $"{operation} ended {status}: {message ?? "ARM gave no error message"}{(code is null ? "" : $" ({code})")}.",
                poll.Status,
                code);
        }

        return false;
    }

    /// <summary>The <c>Retry-After</c> of a response (seconds or an HTTP date), capped at ten minutes.</summary>
    public TimeSpan? RetryAfter(Response response)
    {
        var value = Header(response, "Retry-After");
        if (value is null)
        {
            return null;
        }

        TimeSpan wait;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }
        else if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            wait = at - _time.GetUtcNow();
        }
        else
        {
            throw new AppServiceException(AppServiceErrorKind.MalformedResponse, $"ARM sent an unreadable Retry-After '{Truncate(value)}'.", response.Status);
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : wait;
    }

    private static string? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Translates a failed call into the domain exception, with the ARM error code and message.</summary>
    public static AppServiceException Translate(RequestFailedException exception, string operation)
    {
        var response = exception.GetRawResponse();
        var status = exception.Status;
        if (status == 0)
        {
            return new AppServiceException(
                AppServiceErrorKind.ServiceUnavailable, $"{operation}: could not reach ARM: {exception.Message}", null, null, exception);
        }

        var (code, message) = response is null ? (exception.ErrorCode, null) : ArmJson.TryError(response);
        code ??= exception.ErrorCode;
        var detail = $"{message ?? "no error message"}{(code is null ? "" : $" ({code})")}";
        var (kind, explanation) = status switch
        {
            401 => (AppServiceErrorKind.Unauthenticated, "the token was refused (401); check the credential and its tenant"),
            403 => (AppServiceErrorKind.Forbidden, "the identity lacks permission (403); it needs Website Contributor on the site"),
            404 => (AppServiceErrorKind.NotFound, "the site or slot was not found (404)"),
            409 => (AppServiceErrorKind.Conflict, "another operation is in progress on the site (409); swaps are serialised per app"),
            429 => (AppServiceErrorKind.Throttled, "ARM throttled the request (429) and the retries ran out"),
            >= 500 => (AppServiceErrorKind.ServiceUnavailable, $"ARM failed ({status}) and the retries ran out"),
            _ => (AppServiceErrorKind.BadRequest, $"ARM rejected the request ({status})"),
        };
        return new AppServiceException(kind, $"{operation}: {explanation}: {detail}.", status, code, exception);
    }

    private static string? Truncate(string? value) => value is { Length: > 200 } ? value[..200] + "…" : value;

    private sealed class ArmClientOptions : ClientOptions
    {
    }
}
