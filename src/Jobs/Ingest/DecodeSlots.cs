using Microsoft.Extensions.Options;

namespace VideoLang.Jobs.Ingest;

/// <summary>Bounds how many videos a worker decodes at once (<see cref="WorkerOptions.DecodeParallelism"/>), so decoding feeds the model runner without flooding memory.</summary>
internal sealed class DecodeSlots(IOptions<WorkerOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.DecodeParallelism, options.Value.DecodeParallelism);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
