namespace VideoLang.Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, unless it was
/// moved out. The GC cannot see native memory, so model code runs its batches in scopes rather than
/// waiting for finalizers. Scopes nest, are thread-local and must be disposed in reverse order on
/// the thread that opened them.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? t_current;

    private readonly DisposeScope? _outer;
    private readonly List<Tensor> _tensors = [];
    private bool _disposed;

    public DisposeScope()
    {
        _outer = t_current;
        t_current = this;
    }

    /// <summary>The innermost open scope of this thread, or null.</summary>
    public static DisposeScope? Current => t_current;

    /// <summary>Number of tensors this scope will free.</summary>
    public int Count => _tensors.Count(t => t.Scope == this && !t.IsDisposed);

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to no scope) and returns it.</summary>
    public Tensor MoveOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Scope == this)
        {
            tensor.Scope = _outer;
            _outer?._tensors.Add(tensor);
        }
        return tensor;
    }

    internal void Add(Tensor tensor) => _tensors.Add(tensor);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        if (t_current != this)
        {
            throw new InvalidOperationException(
                "DisposeScope disposed out of order or on another thread; dispose inner scopes first, on the thread that opened them.");
        }
        _disposed = true;
        t_current = _outer;
        foreach (var tensor in _tensors)
        {
            if (tensor.Scope == this)
            {
                tensor.Scope = null;
                tensor.Dispose();
            }
        }
        _tensors.Clear();
    }
}
