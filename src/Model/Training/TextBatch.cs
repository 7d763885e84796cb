using VideoLang.Torch;

namespace VideoLang.Model.Training;

/// <summary>Token ids (B, L) and attention mask (B, L), right-padded with id 0 ([PAD]) to the longest text.</summary>
public sealed record TextBatch(Tensor Ids, Tensor Mask) : IDisposable
{
    /// <summary>Pads encoded texts into int64 tensors on <paramref name="device"/>.</summary>
    public static TextBatch From(IReadOnlyList<IReadOnlyList<int>> encoded, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Count == 0)
        {
            throw new ArgumentException("A text batch needs at least one text.", nameof(encoded));
        }
        var length = encoded.Max(e => e.Count);
        var ids = new long[encoded.Count * length];
        var mask = new long[ids.Length];
        for (var i = 0; i < encoded.Count; i++)
        {
            for (var j = 0; j < encoded[i].Count; j++)
            {
                ids[(i * length) + j] = encoded[i][j];
                mask[(i * length) + j] = 1;
            }
        }
        var target = device ?? Device.Cpu;
        return new TextBatch(Tensor.FromArray(ids, [encoded.Count, length], target), Tensor.FromArray(mask, [encoded.Count, length], target));
    }

    /// <summary>Each text repeated <paramref name="times"/> times in a row (one copy per clip).</summary>
    public TextBatch RepeatEach(long times) =>
        new(Ids.Unsqueeze(1).Expand(-1, times, -1).Flatten(0, 1), Mask.Unsqueeze(1).Expand(-1, times, -1).Flatten(0, 1));

    public void Dispose()
    {
        Ids.Dispose();
        Mask.Dispose();
    }
}
