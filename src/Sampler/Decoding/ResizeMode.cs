namespace VideoLang.Sampler.Decoding;

/// <summary>How a frame of any shape becomes an S×S square.</summary>
public enum ResizeMode
{
    /// <summary>
    /// ClipBERT's: the longer side is scaled to S (keeping the aspect ratio, the shorter side rounded
    /// down), the image stays in the top-left corner and the rest is zero (black) padding.
    /// </summary>
    PadToSquare,

    /// <summary>The shorter side is scaled to S and the centre S×S square is kept.</summary>
    CenterCrop,

    /// <summary>Both sides are scaled to S, ignoring the aspect ratio (SigLIP's preprocessing).</summary>
    Squash,
}
