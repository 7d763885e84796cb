namespace VideoLang.Sampler.Decoding;

/// <summary>
/// The frames the model wants: <see cref="Size"/>×<see cref="Size"/> RGB, made square by
/// <see cref="Mode"/>. The default is ClipBERT's 448 px with zero padding.
/// </summary>
public sealed record FrameSpec(int Size = 448, ResizeMode Mode = ResizeMode.PadToSquare)
{
    /// <summary>ClipBERT's input: 448×448, longer side scaled to 448, zero-padded.</summary>
    public static FrameSpec ClipBert { get; } = new();

    /// <summary>Bytes of one frame: Size × Size × 3.</summary>
    public int BytesPerFrame => Size * Size * 3;

    internal void Validate()
    {
        if (Size is < 8 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "Use a frame size between 8 and 4096 pixels (ClipBERT uses 448).");
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Use ResizeMode.PadToSquare, ResizeMode.CenterCrop or ResizeMode.Squash.");
        }
    }
}
