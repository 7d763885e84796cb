namespace VideoLang.Sampler.Decoding;

/// <summary>The outcome of one ffmpeg run over a group of clips.</summary>
internal sealed record GroupResult(IReadOnlyList<ClipOutput> Clips, IReadOnlyList<string> GroupErrors, IReadOnlyList<string> DecoderMessages, bool Complete)
{
    /// <summary>
    /// The output can be placed clip by clip: ffmpeg succeeded, the byte count matches the frame counts
    /// and every clip's timing held.
    /// </summary>
    public bool Placeable => Complete && Clips.All(c => !c.TimeBaseMismatch);
}
