using Azure.Core;

namespace DevOpsFeedback.Azure.AppService;

/// <summary>Issues a fixed token and records the scopes asked for; the stand-in checks the header.</summary>
internal sealed class FakeTokenCredential(string token = ArmStandIn.Token) : TokenCredential
{
    private readonly List<string> _scopes = [];

    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_scopes)
            {
                return [.. _scopes];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes)
        {
            _scopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
