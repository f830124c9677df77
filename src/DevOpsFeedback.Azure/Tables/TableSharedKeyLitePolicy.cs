using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DevOpsFeedback.Azure.Tables;

/// <summary>
/// Signs each attempt with Shared Key Lite (Table): <c>x-ms-date</c> + "\n" + <c>/account/path[?comp=..]</c>,
/// HMAC-SHA256 with the account key. Runs per retry so every attempt carries a fresh date.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(string accountName, byte[] accountKey, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var signature = Sign(date + "\n" + CanonicalizedResource(message.Request.Uri.ToUri()));
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {accountName}:{signature}");
    }

    internal string CanonicalizedResource(Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var query = uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                resource += "?comp=" + Uri.UnescapeDataString(pair[5..]);
                break;
            }
        }

        return resource;
    }

    internal string Sign(string stringToSign)
    {
        using var hmac = new HMACSHA256(accountKey);
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }
}
