using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// The one place a process runs the model: a dedicated thread that takes calls one at a time, so
/// concurrent jobs queue for the device instead of fighting over it (decoding, which is the slow part
/// on CPU boxes, happens in parallel before). Loaded models are kept by id; a model is loaded on first
/// use and checked against the checksum it was registered with.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly BlockingCollection<Action> _calls = new();
    private readonly Dictionary<Guid, LoadedModel> _loaded = [];
    private readonly Thread _thread;
    private readonly WorkerOptions _options;
    private readonly ILogger<ModelRunner> _logger;

    public ModelRunner(IOptions<WorkerOptions> options, ILogger<ModelRunner> logger)
    {
        _options = options.Value;
        _logger = logger;
        _thread = new Thread(Loop) { IsBackground = true, Name = "VideoLang model runner" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> with <paramref name="model"/> loaded, on the runner's thread.</summary>
    public Task<T> RunAsync<T>(ModelRecord model, Func<LoadedModel, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(work);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                result.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                result.TrySetResult(work(Load(model)));
            }
            catch (Exception e)
            {
                result.TrySetException(e);
            }
        }, cancellationToken);
        return result.Task;
    }

    private LoadedModel Load(ModelRecord record)
    {
        if (_loaded.TryGetValue(record.Id, out var loaded))
        {
            return loaded;
        }
        var device = _options.UseCuda && TorchRuntime.CudaDeviceCount > 0 ? Device.Cuda(0) : Device.Cpu;
        loaded = ModelLoader.Load(record, device, _options);
        _loaded[record.Id] = loaded;
        Log.ModelLoaded(_logger, record.Name, record.Id, record.Path, device.ToString());
        return loaded;
    }

    private void Loop()
    {
        foreach (var call in _calls.GetConsumingEnumerable())
        {
            call();
        }
        foreach (var model in _loaded.Values)
        {
            model.Dispose();
        }
    }

    public void Dispose()
    {
        _calls.CompleteAdding();
        _thread.Join();
        _calls.Dispose();
    }
}
