using VideoLang.Model.Configuration;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Model.Vision;

/// <summary>
/// Turns decoded RGB24 frames into the CNN's input: (clips, T, 3, S, S) float, normalised as the
/// weights expect (<see cref="PixelNormalization"/>; torchvision's ImageNet mean and standard
/// deviation unless told otherwise). A model normalises with its own config through
/// <see cref="ClipBertModel.Normalize"/>.
/// </summary>
public static class FramePreprocessor
{
    public static Tensor ToTensor(ClipBatch batch, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ToTensor(batch.Pixels, batch.ClipCount, batch.FramesPerClip, batch.FrameSize, device);
    }

    /// <summary>From raw bytes laid out [clip][frame][row][col][rgb].</summary>
    public static Tensor ToTensor(ReadOnlySpan<byte> pixels, int clips, int framesPerClip, int size, Device? device = null)
    {
        using var raw = Raw(pixels, clips, framesPerClip, size, device);
        return Normalize(raw);
    }

    /// <summary>The uint8 (clips, T, S, S, 3) RGB tensor of raw bytes laid out [clip][frame][row][col][rgb], not normalised.</summary>
    public static Tensor Raw(ReadOnlySpan<byte> pixels, int clips, int framesPerClip, int size, Device? device = null) =>
        Tensor.FromSpan(pixels, [clips, framesPerClip, size, size, 3], device ?? Device.Cpu);

    /// <summary>uint8 (clips, T, S, S, 3) RGB to ImageNet-normalised float (clips, T, 3, S, S), on the input's device.</summary>
    public static Tensor Normalize(Tensor rgb) => Normalize(rgb, PixelNormalization.ImageNet, meanImage: null);

    /// <summary>
    /// uint8 (clips, T, S, S, 3) RGB to float (clips, T, 3, S, S) as <paramref name="pixels"/> says, on the
    /// input's device; <paramref name="meanImage"/> (3, S, S) is required exactly when it asks for a mean image.
    /// </summary>
    public static Tensor Normalize(Tensor rgb, PixelNormalization pixels, Tensor? meanImage)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.MeanImage != meanImage is not null)
        {
            throw new ArgumentException(pixels.MeanImage
                ? "The normalisation subtracts a mean image but none was given; normalise through the model (ClipBertModel.Normalize), which holds it."
                : "A mean image was given but the normalisation does not use one (PixelNormalization.MeanImage is false).", nameof(meanImage));
        }
        using var scope = new DisposeScope();
        var device = rgb.Device;
        var x = rgb.To(ScalarType.Float32).Permute(0, 1, 4, 2, 3);
        if (pixels.Scale != 1)
        {
            x = x.Div(pixels.Scale);
        }
        if (pixels.ChannelOrder == ChannelOrder.Bgr)
        {
            x = x.IndexSelect(2, Tensor.FromArray(new long[] { 2, 1, 0 }, device));
        }
        if (meanImage is not null)
        {
            if (!meanImage.Shape.SequenceEqual(x.Shape[2..]))
            {
                throw new ArgumentException(
                    $"Frames of {x.Size(3)}×{x.Size(4)} cannot take the model's mean image [{string.Join(", ", meanImage.Shape)}]: sample frames at the config's ImageSize.", nameof(rgb));
            }
            x = x - meanImage;
        }
        // Skipped when they are 0 and 1: the result is the same, bit for bit, without two passes over the pixels.
        if (pixels.Mean.Any(m => m != 0))
        {
            x = x - Tensor.FromArray(pixels.Mean.Select(v => (float)v).ToArray(), [1, 1, 3, 1, 1], device);
        }
        if (pixels.Std.Any(s => s != 1))
        {
            x = x / Tensor.FromArray(pixels.Std.Select(v => (float)v).ToArray(), [1, 1, 3, 1, 1], device);
        }
        return scope.MoveOut(x.Contiguous());
    }
}
