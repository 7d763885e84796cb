namespace VideoLang.Model.Embedders;

/// <summary>How a frame becomes the square image the vision tower takes.</summary>
public enum ImageResize
{
    /// <summary>Shorter side to the image size, then the centre square (CLIP, open_clip's <c>shortest</c>).</summary>
    ShortestEdgeCenterCrop,

    /// <summary>Both sides to the image size, ignoring the aspect ratio (SigLIP, open_clip's <c>squash</c>).</summary>
    Squash,

    /// <summary>Longer side to the image size, then padded to a square (open_clip's <c>longest</c>).</summary>
    LongestEdgePad,
}
