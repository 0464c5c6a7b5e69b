namespace FlashRnn;

/// <summary>Version information about the FlashRnn runtime library.</summary>
public static class RuntimeInfo
{
    /// <summary>The informational version of this assembly.</summary>
    public static string Version => typeof(RuntimeInfo).Assembly.GetName().Version?.ToString() ?? "unknown";
}
