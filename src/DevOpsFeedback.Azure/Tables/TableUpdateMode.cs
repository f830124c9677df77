namespace DevOpsFeedback.Azure.Tables;

/// <summary>How a write treats properties the request does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>The entity becomes exactly what was sent.</summary>
    Replace,

    /// <summary>Sent properties are added or overwritten; others stay.</summary>
    Merge,
}
