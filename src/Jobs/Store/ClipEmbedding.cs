namespace VideoLang.Jobs.Store;

/// <summary>
/// One sampled clip of a video as an embedder saw it: its time range and its normalised embedding (the
/// mean of its frames' image embeddings), keyed by video, model and clip so two embedding spaces never
/// mix. The tenant is stored with it so an index over one tenant's clips needs no join.
/// <see cref="NullMean"/> and <see cref="NullStd"/> are the clip's similarities to the embedder's bank of
/// unrelated captions (null for an embedder with no text side): search scores a text against them
/// (docs/real-models.md, "Scores").
/// </summary>
public sealed class ClipEmbedding
{
    /// <summary>The row's number, given by PostgreSQL: the key of this clip in the in-process search index (issue 20).</summary>
    public long Id { get; set; }

    public Guid VideoId { get; set; }

    public Guid ModelId { get; set; }

    public int Clip { get; set; }

    public required string Tenant { get; set; }

    public double StartSeconds { get; set; }

    public double EndSeconds { get; set; }

    public float[] Embedding { get; set; } = [];

    public double? NullMean { get; set; }

    public double? NullStd { get; set; }
}
