namespace DevOpsFeedback.Feedback;

/// <summary>
/// Turns validated submissions into records ready to store: masks PII in the text, hashes the user reference,
/// fills a missing version with the one production ran at receipt. Pure: time, ids and the salt are inputs.
/// </summary>
public static class FeedbackIntake
{
    /// <param name="submissions">Validated items (see <see cref="FeedbackRequestParser"/>).</param>
    /// <param name="receivedAt">When the request arrived.</param>
    /// <param name="requestId">A unique id of the request (e.g. a GUID "N" string); item ids are derived from it.</param>
    /// <param name="salt">The installation's user-reference salt (at least 16 bytes).</param>
    /// <param name="productionVersionAt">The version production of an app ran at a time, or null when unknown.</param>
    public static IReadOnlyList<FeedbackRecord> Accept(
        IReadOnlyList<FeedbackSubmission> submissions,
        DateTimeOffset receivedAt,
        string requestId,
        ReadOnlySpan<byte> salt,
        Func<string, DateTimeOffset, string?> productionVersionAt)
    {
        if (!FieldRules.IsId(requestId)) throw new ArgumentException("requestId must match [A-Za-z0-9._-]{1,100}", nameof(requestId));

        var records = new FeedbackRecord[submissions.Count];
        for (var i = 0; i < submissions.Count; i++)
        {
            var s = submissions[i];
            var version = s.Version ?? productionVersionAt(s.App, receivedAt);
            records[i] = new FeedbackRecord(
                Id: $"{requestId}-{i:D3}",
                App: s.App,
                Version: version,
                VersionInferred: s.Version is null && version is not null,
                Rating: s.Rating,
                Category: s.Category,
                Text: PiiMasker.Mask(s.Text),
                UserHash: s.UserRef is null ? null : UserRefHasher.Hash(s.UserRef, salt),
                Page: s.Page,
                ReceivedAt: receivedAt);
        }

        return records;
    }
}
