using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// The one place a process runs the model: a dedicated thread that takes calls one at a time, so
/// concurrent jobs queue for the device instead of fighting over it (decoding, which is the slow part
/// on CPU boxes, happens in parallel before). Calls wait in two lanes: interactive ones (a search
/// somebody waits on) run before any queued background work (ingest and QA batches), and give up
/// with <see cref="ModelBusyException"/> when they have not started within
/// <see cref="WorkerOptions.InteractiveModelWait"/>, so a busy machine answers "busy" instead of hanging.
/// Loaded models are kept by id; a model is loaded on first use and checked against the checksum it
/// was registered with.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly ModelCallQueue _calls = new();
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

    /// <summary>Runs <paramref name="work"/> with <paramref name="model"/> loaded, on the runner's thread, as background work.</summary>
    public Task<T> RunAsync<T>(ModelRecord model, Func<LoadedModel, T> work, CancellationToken cancellationToken = default) =>
        RunAsync(model, work, ModelCallPriority.Background, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> with <paramref name="model"/> loaded, on the runner's thread, in the
    /// lane <paramref name="priority"/> names. An interactive call that has not started within
    /// <see cref="WorkerOptions.InteractiveModelWait"/> fails with <see cref="ModelBusyException"/> and never runs.
    /// </summary>
    public Task<T> RunAsync<T>(ModelRecord model, Func<LoadedModel, T> work, ModelCallPriority priority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var call = new ModelCall<T>(model, work);
        call.CancelWith(cancellationToken);
        if (priority == ModelCallPriority.Interactive)
        {
            var wait = _options.InteractiveModelWait;
            call.GiveUpAfter(wait, new ModelBusyException(string.Create(CultureInfo.InvariantCulture,
                $"The model is busy with earlier work (ingest or QA batches) and this request did not get it within {wait.TotalSeconds:0.#} s; nothing was run. ") +
                "Try again after the Retry-After seconds; an operator can raise Worker:InteractiveModelWait, or run jobs on separate `vlang worker` machines.",
                wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait));
        }
        _calls.Add(call, priority);
        return call.Task;
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
        while (_calls.TryTake(out var call))
        {
            call.Run(Load);
        }
        foreach (var model in _loaded.Values)
        {
            model.Dispose();
        }
    }

    public void Dispose()
    {
        _calls.Complete();
        _thread.Join();
    }
}
