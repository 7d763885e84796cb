namespace VideoLang.Jobs.Store;

/// <summary>How one attempt at a job ended.</summary>
public enum JobOutcome
{
    /// <summary>Still running, or its worker died; a recovered run marks it <see cref="Interrupted"/>.</summary>
    Running,
    Succeeded,
    /// <summary>A transient fault; another attempt was scheduled.</summary>
    Retried,
    Failed,
    Cancelled,
    Interrupted,
}
