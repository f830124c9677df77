namespace DevOpsFeedback.Infra.Tests.AppSettings;

/// <summary>
/// A setting the host reads, as an app-setting name (<c>Section__Property</c>). A map is satisfied by any setting
/// under <c>Key__</c> (one entry per item) or by the key listed as optional.
/// </summary>
internal sealed record RequiredSetting(string Key, bool IsMap, string Source);
