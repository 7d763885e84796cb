namespace VideoLang.Model.Configuration;

/// <summary>How the frames of a clip become visual tokens.</summary>
public enum TemporalFusion
{
    /// <summary>ClipBERT: the frames' grids are averaged, so frame order is invisible (h × w tokens).</summary>
    Mean,

    /// <summary>Each frame keeps its grid plus a learned per-frame temporal embedding (T × h × w tokens), so order and motion direction are visible.</summary>
    Ordered,
}
