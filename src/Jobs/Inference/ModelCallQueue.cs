namespace VideoLang.Jobs.Inference;

/// <summary>
/// The runner's two lanes: every interactive call is taken before any background call, and each lane
/// is first in, first out. Abandoned calls stay in their lane until taken, and are then skipped.
/// </summary>
internal sealed class ModelCallQueue
{
    private readonly Queue<ModelCall> _interactive = new();
    private readonly Queue<ModelCall> _background = new();
    private readonly object _lock = new();
    private bool _completed;

    public void Add(ModelCall call, ModelCallPriority priority)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            (priority == ModelCallPriority.Interactive ? _interactive : _background).Enqueue(call);
            Monitor.Pulse(_lock);
        }
    }

    /// <summary>Blocks until a call is queued; false once <see cref="Complete"/> was called and both lanes are empty.</summary>
    public bool TryTake(out ModelCall call)
    {
        lock (_lock)
        {
            while (true)
            {
                if (_interactive.TryDequeue(out call!) || _background.TryDequeue(out call!))
                {
                    return true;
                }
                if (_completed)
                {
                    return false;
                }
                Monitor.Wait(_lock);
            }
        }
    }

    /// <summary>No more calls: <see cref="TryTake"/> drains what is queued, then returns false.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            Monitor.PulseAll(_lock);
        }
    }
}
