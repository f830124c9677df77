namespace DevOpsFeedback.Azure.AppService;

/// <summary>
/// One setting a swap of staging into production would change (App Service <c>slotsdiffs</c>), seen from staging.
/// </summary>
/// <param name="Level">"Information", "Warning" or "Error".</param>
/// <param name="SettingType">"General", "AppSetting" or "ConnectionString".</param>
/// <param name="DiffRule">The rule App Service applied (e.g. "SettingsWillBeSwapped").</param>
/// <param name="SettingName">The setting.</param>
/// <param name="ValueInCurrentSlot">Value in staging.</param>
/// <param name="ValueInTargetSlot">Value in production.</param>
/// <param name="Description">The service's explanation.</param>
public sealed record SlotDifference(
    string Level,
    string SettingType,
    string? DiffRule,
    string SettingName,
    string? ValueInCurrentSlot,
    string? ValueInTargetSlot,
    string? Description);
