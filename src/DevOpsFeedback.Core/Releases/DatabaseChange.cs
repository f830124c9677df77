namespace DevOpsFeedback.Releases;

/// <summary>What a release does to the database (tick-tock: expand, then contract).</summary>
public enum DatabaseChange
{
    None,

    /// <summary>Additive: the previous version still works against the new schema.</summary>
    Expand,

    /// <summary>Removes what the previous version no longer needs; backing out past it is unsafe.</summary>
    Contract,

    /// <summary>Incompatible with the previous version: no automatic swap-back, approval required.</summary>
    Breaking,
}
