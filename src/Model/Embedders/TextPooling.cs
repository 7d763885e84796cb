namespace VideoLang.Model.Embedders;

/// <summary>Which position of the text tower's output becomes the text's embedding.</summary>
public enum TextPooling
{
    /// <summary>The position of the largest token id (CLIP's end token has the largest id): open_clip, and HF configs with eos_token_id 2.</summary>
    ArgMaxId,

    /// <summary>The first position holding <see cref="TextTowerConfig.EosTokenId"/>: HF CLIP configs with the real end-token id.</summary>
    FirstEos,

    /// <summary>The last position (SigLIP pads to the full context and pools there).</summary>
    LastToken,
}
