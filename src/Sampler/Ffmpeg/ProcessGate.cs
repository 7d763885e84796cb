using System.Diagnostics;

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// A counting gate whose capacity can change while it is in use (a <see cref="SemaphoreSlim"/>'s
/// cannot): callers queue in arrival order and enter while fewer than <see cref="Capacity"/> are in.
/// </summary>
internal sealed class ProcessGate
{
    private readonly object _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _capacity;
    private int _inside;

    public ProcessGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Capacity
    {
        get
        {
            lock (_lock)
            {
                return _capacity;
            }
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_lock)
            {
                _capacity = value;
                ReleaseWaitersLocked();
            }
        }
    }

    public int Inside
    {
        get
        {
            lock (_lock)
            {
                return _inside;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Waits for a place; dispose the result to leave.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (_inside < _capacity && _waiting.Count == 0)
            {
                _inside++;
                return new Place(this);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(waiter);
        }

        using (cancellationToken.Register(() => Abandon(node)))
        {
            await waiter.Task.ConfigureAwait(false);
        }
        return new Place(this);
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // Already let in: the place is taken and will be left by its holder.
            }
            _waiting.Remove(node);
        }
        node.Value.TrySetCanceled();
    }

    private void Leave()
    {
        lock (_lock)
        {
            Debug.Assert(_inside > 0, "Left a gate nobody was in.");
            _inside--;
            ReleaseWaitersLocked();
        }
    }

    private void ReleaseWaitersLocked()
    {
        while (_inside < _capacity && _waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            _inside++;
            first.Value.TrySetResult();
        }
    }

    private sealed class Place(ProcessGate gate) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
