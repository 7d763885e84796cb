using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Inference;

/// <summary>A <see cref="ModelCall"/> whose work returns a <typeparamref name="T"/> to the awaiting caller.</summary>
internal sealed class ModelCall<T> : ModelCall
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ModelRecord _model;
    private readonly Func<LoadedModel, T> _work;
    private CancellationTokenRegistration _cancellation;
    private Timer? _deadline;

    public ModelCall(ModelRecord model, Func<LoadedModel, T> work)
    {
        _model = model;
        _work = work;
    }

    public Task<T> Task => _result.Task;

    /// <summary>Abandons the call when <paramref name="cancellationToken"/> fires while it waits.</summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
        {
            var call = (ModelCall<T>)state!;
            if (call.TryAbandon())
            {
                call._result.TrySetCanceled(token);
            }
        }, this);
    }

    /// <summary>Abandons the call with <paramref name="busy"/> when it has not started within <paramref name="wait"/>.</summary>
    public void GiveUpAfter(TimeSpan wait, ModelBusyException busy)
    {
        _deadline = new Timer(static state =>
        {
            var (call, error) = ((ModelCall<T>, ModelBusyException))state!;
            if (call.TryAbandon())
            {
                call._result.TrySetException(error);
            }
        }, (this, busy), wait, Timeout.InfiniteTimeSpan);
    }

    protected override void Execute(Func<ModelRecord, LoadedModel> load)
    {
        try
        {
            _result.TrySetResult(_work(load(_model)));
        }
        catch (Exception e)
        {
            _result.TrySetException(e);
        }
    }

    protected override void StopWaiting()
    {
        // Unregister, not Dispose: this may run inside the cancellation callback itself.
        _cancellation.Unregister();
        _deadline?.Dispose();
    }
}
