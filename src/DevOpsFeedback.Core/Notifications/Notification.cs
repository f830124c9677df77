using System.Collections.Immutable;

namespace DevOpsFeedback.Notifications;

/// <summary>A labelled value shown with a notification ("Version": "1.5.0").</summary>
public sealed record NotificationFact(string Name, string Value);

/// <summary>A link a person can open from a notification: a GET route (the release or app status), never a POST-only action.</summary>
public sealed record NotificationLink(string Title, Uri Url);

/// <summary>
/// One message about a release or an app, independent of where it goes. <see cref="Title"/>, <see cref="Text"/> and fact
/// values are free text: every sink escapes them for its own format.
/// </summary>
/// <param name="Id">Stable for the event it reports (the same event gives the same id), so receivers can de-duplicate retries.</param>
/// <param name="Kind">What happened.</param>
/// <param name="App">The app concerned.</param>
/// <param name="ReleaseId">The release concerned, or null for an app-level incident.</param>
/// <param name="Title">One short line.</param>
/// <param name="Text">What happened and why, for people.</param>
/// <param name="Facts">Labelled values.</param>
/// <param name="Links">Links to act on it.</param>
/// <param name="At">When it happened.</param>
public sealed record Notification(
    string Id,
    NotificationKind Kind,
    string App,
    string? ReleaseId,
    string Title,
    string Text,
    ImmutableArray<NotificationFact> Facts,
    ImmutableArray<NotificationLink> Links,
    DateTimeOffset At)
{
    public NotificationSeverity Severity => NotificationKinds.SeverityOf(Kind);

    public bool Equals(Notification? other) =>
        other is not null && Id == other.Id && Kind == other.Kind && App == other.App && ReleaseId == other.ReleaseId &&
        Title == other.Title && Text == other.Text && At == other.At &&
        Facts.SequenceEqual(other.Facts) && Links.SequenceEqual(other.Links);

    public override int GetHashCode() => HashCode.Combine(Id, Kind, App, ReleaseId, At);
}
