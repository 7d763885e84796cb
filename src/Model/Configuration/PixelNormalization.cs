namespace VideoLang.Model.Configuration;

/// <summary>
/// How decoded 8-bit RGB frames become the CNN's input, so a checkpoint carries the preprocessing its
/// weights were trained with: each value is divided by <see cref="Scale"/>, channels are put in
/// <see cref="ChannelOrder"/>, a per-pixel mean image is subtracted when <see cref="MeanImage"/> is
/// set, then the per-channel <see cref="Mean"/> and <see cref="Std"/> apply. The default is torchvision's
/// ImageNet normalisation; <see cref="CntkMeanImage"/> is ML.NET's ResNet-18 (BGR, 0–255, mean image).
/// </summary>
public sealed record PixelNormalization
{
    public ChannelOrder ChannelOrder { get; init; } = ChannelOrder.Rgb;

    /// <summary>Pixel values are divided by this first: 255 for torchvision's [0, 1] range, 1 to keep 0–255.</summary>
    public double Scale { get; init; } = 255;

    /// <summary>Per-channel mean, in <see cref="ChannelOrder"/>, subtracted after scaling.</summary>
    public IReadOnlyList<double> Mean { get; init; } = [0.485, 0.456, 0.406];

    /// <summary>Per-channel standard deviation, in <see cref="ChannelOrder"/>, divided by last.</summary>
    public IReadOnlyList<double> Std { get; init; } = [0.229, 0.224, 0.225];

    /// <summary>
    /// Subtract a per-pixel mean image (3, ImageSize, ImageSize), in <see cref="ChannelOrder"/> and after
    /// scaling; it is held with the weights as <c>pixel_mean</c>, so frames must be exactly ImageSize square.
    /// </summary>
    public bool MeanImage { get; init; }

    /// <summary>torchvision's ImageNet normalisation (RGB, [0, 1], mean 0.485/0.456/0.406, std 0.229/0.224/0.225).</summary>
    public static PixelNormalization ImageNet { get; } = new();

    /// <summary>CNTK's ImageNet models as ML.NET ships them: BGR, 0–255, minus a per-pixel mean image, nothing else.</summary>
    public static PixelNormalization CntkMeanImage { get; } = new()
    {
        ChannelOrder = ChannelOrder.Bgr, Scale = 1, Mean = [0, 0, 0], Std = [1, 1, 1], MeanImage = true,
    };

    /// <summary>Value equality, lists included (a record compares lists by reference), so a config read back from disk equals the one saved.</summary>
    public bool Equals(PixelNormalization? other) =>
        other is not null && ChannelOrder == other.ChannelOrder && Scale.Equals(other.Scale) && MeanImage == other.MeanImage
        && Mean.SequenceEqual(other.Mean) && Std.SequenceEqual(other.Std);

    public override int GetHashCode() => HashCode.Combine(ChannelOrder, Scale, MeanImage, Mean.Count > 0 ? Mean[0] : 0, Std.Count > 0 ? Std[0] : 0);
}
