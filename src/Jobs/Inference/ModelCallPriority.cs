namespace VideoLang.Jobs.Inference;

/// <summary>Which of the <see cref="ModelRunner"/>'s two lanes a call waits in.</summary>
public enum ModelCallPriority
{
    /// <summary>Work nobody waits on while it runs (ingest batches, QA batches): first in, first out, after every interactive call.</summary>
    Background,

    /// <summary>
    /// A call a person or client is waiting on (a search): runs before every queued background call, and
    /// gives up with <see cref="Running.ModelBusyException"/> when it has not started within
    /// <see cref="WorkerOptions.InteractiveModelWait"/>.
    /// </summary>
    Interactive,
}
