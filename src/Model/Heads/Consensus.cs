namespace VideoLang.Model.Heads;

/// <summary>How clip-level logits combine into the video's (ClipBERT's consensus).</summary>
public enum Consensus
{
    Mean,
    Max,

    /// <summary>
    /// LogSumExp over clips, a soft maximum: ClipBERT's default for several clips, and training takes
    /// the loss on it. Taken minus log N so it does not grow with the number of clips.
    /// </summary>
    LogSumExp,
}
