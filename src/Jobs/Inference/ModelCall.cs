using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// One call queued on the <see cref="ModelRunner"/>. It either starts (on the runner's thread) or is
/// abandoned while it waits (its caller cancelled, or an interactive call's wait ran out), never both:
/// whichever comes first claims it, so an abandoned call never runs and a started one always finishes.
/// </summary>
internal abstract class ModelCall
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Abandoned = 2;

    private int _state;

    /// <summary>Runs the call unless it was abandoned; <paramref name="load"/> gives the loaded model.</summary>
    public void Run(Func<ModelRecord, LoadedModel> load)
    {
        if (Interlocked.CompareExchange(ref _state, Started, Queued) == Queued)
        {
            StopWaiting();
            Execute(load);
        }
    }

    /// <summary>Gives up on a call that has not started; false when it already started (or was given up before).</summary>
    protected bool TryAbandon()
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) != Queued)
        {
            return false;
        }
        StopWaiting();
        return true;
    }

    protected abstract void Execute(Func<ModelRecord, LoadedModel> load);

    /// <summary>Drops the cancellation and deadline hooks once the call no longer waits.</summary>
    protected abstract void StopWaiting();
}
