namespace VideoLang.Jobs.Scheduling;

/// <summary>Jobs waiting to run, and the worker processes alive to run them.</summary>
/// <param name="Waiting">Jobs queued, or due for a retry, that no worker has started.</param>
/// <param name="LiveWorkers">Worker processes (<c>vlang worker</c>, or <c>vlang serve</c> running jobs) heard from within their timeout.</param>
/// <param name="OldestQueuedAt">When the longest-waiting queued job was created.</param>
public sealed record JobBacklog(int Waiting, int LiveWorkers, DateTimeOffset? OldestQueuedAt)
{
    /// <summary>Work is waiting and nothing will run it.</summary>
    public bool Stalled => Waiting > 0 && LiveWorkers == 0;
}
