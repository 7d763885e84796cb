using VideoLang.Torch;

namespace VideoLang.Model.Vision;

/// <summary>
/// The temporal shift of TSM (Lin, Gan and Han, ICCV 2019, "TSM: Temporal Shift Module for Efficient
/// Video Understanding"): of a clip's frames, one <see cref="FoldDivisor"/>th of the channels is taken
/// from the next frame and another from the previous one (zeros at the clip's ends), the rest stay.
/// The convolutions after it then see two moments at once, so a CNN that runs frame by frame can
/// learn motion — which way something moves — locally, as a feature like a colour. No parameters.
/// </summary>
public static class TemporalShift
{
    /// <summary>TSM's 1/8 of the channels each way.</summary>
    public const int FoldDivisor = 8;

    /// <summary>(clips × <paramref name="frames"/>, C, H, W) features, frames of a clip consecutive, shifted in time.</summary>
    public static Tensor Apply(Tensor features, long frames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var (count, channels, height, width) = (features.Size(0), features.Size(1), features.Size(2), features.Size(3));
        var fold = channels / FoldDivisor;
        if (frames == 1 || fold == 0)
        {
            return features.Alias();
        }
        if (count % frames != 0)
        {
            throw new ArgumentException($"{count} frames are not whole clips of {frames} frames; pass clips × frames per clip.", nameof(features));
        }
        using var scope = new DisposeScope();
        var clips = count / frames;
        var x = features.View(clips, frames, channels, height, width);
        var edge = Tensors.Zeros([clips, 1, fold, height, width], features.Dtype, features.Device);
        var fromNext = Tensors.Cat([x.Narrow(1, 1, frames - 1).Narrow(2, 0, fold), edge], 1);
        var fromPrevious = Tensors.Cat([edge, x.Narrow(1, 0, frames - 1).Narrow(2, fold, fold)], 1);
        var kept = x.Narrow(2, 2 * fold, channels - (2 * fold));
        return scope.MoveOut(Tensors.Cat([fromNext, fromPrevious, kept], 2).View(count, channels, height, width));
    }
}
