using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Model.Vision;

/// <summary>
/// Turns decoded RGB24 frames into the CNN's input: (clips, T, 3, S, S) float, scaled to [0, 1]
/// and normalised with ImageNet's mean and standard deviation, as torchvision's ResNets expect.
/// </summary>
public static class FramePreprocessor
{
    private static readonly double[] s_mean = [0.485, 0.456, 0.406];
    private static readonly double[] s_std = [0.229, 0.224, 0.225];

    public static Tensor ToTensor(ClipBatch batch, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ToTensor(batch.Pixels, batch.ClipCount, batch.FramesPerClip, batch.FrameSize, device);
    }

    /// <summary>From raw bytes laid out [clip][frame][row][col][rgb].</summary>
    public static Tensor ToTensor(ReadOnlySpan<byte> pixels, int clips, int framesPerClip, int size, Device? device = null)
    {
        using var raw = Tensor.FromSpan(pixels, [clips, framesPerClip, size, size, 3], device ?? Device.Cpu);
        return Normalize(raw);
    }

    /// <summary>uint8 (clips, T, S, S, 3) RGB to normalised float (clips, T, 3, S, S), on the input's device.</summary>
    public static Tensor Normalize(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var scope = new DisposeScope();
        var device = rgb.Device;
        var x = rgb.To(ScalarType.Float32).Permute(0, 1, 4, 2, 3).Div(255.0);
        var mean = Tensor.FromArray(s_mean.Select(v => (float)v).ToArray(), [1, 1, 3, 1, 1], device);
        var std = Tensor.FromArray(s_std.Select(v => (float)v).ToArray(), [1, 1, 3, 1, 1], device);
        return scope.MoveOut(((x - mean) / std).Contiguous());
    }
}
