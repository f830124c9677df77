using Azure.Core;
using Azure.Identity;

namespace DevOpsFeedback.Azure.Loopback;

/// <summary>A credential for tests: a fixed token, records the scopes asked for; or fails like Azure.Identity does.</summary>
internal sealed class StaticTokenCredential(string token = StaticTokenCredential.Token, bool fail = false) : TokenCredential
{
    public const string Token = "test-token";

    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes) Scopes.AddRange(requestContext.Scopes);
        if (fail) throw new CredentialUnavailableException("no managed identity in this test");
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
