namespace VideoLang.Model.Embedders;

/// <summary>
/// What the model expects of its pixels: RGB in [0, 1], resized as <see cref="Resize"/> says to
/// <see cref="ImageSize"/> square, then normalised per channel by <see cref="Mean"/> and <see cref="Std"/>.
/// </summary>
public sealed record ImagePreprocessing
{
    /// <summary>OpenAI CLIP's per-channel mean, the default of HF CLIP and open_clip.</summary>
    public static IReadOnlyList<double> OpenAiMean { get; } = [0.48145466, 0.4578275, 0.40821073];

    /// <summary>OpenAI CLIP's per-channel standard deviation.</summary>
    public static IReadOnlyList<double> OpenAiStd { get; } = [0.26862954, 0.26130258, 0.27577711];

    public required int ImageSize { get; init; }

    public required IReadOnlyList<double> Mean { get; init; }

    public required IReadOnlyList<double> Std { get; init; }

    public ImageResize Resize { get; init; } = ImageResize.ShortestEdgeCenterCrop;

    /// <summary>The resampling filter the library uses: <c>bicubic</c> (CLIP) or <c>bilinear</c> (SigLIP).</summary>
    public string Interpolation { get; init; } = "bicubic";
}
