namespace VideoLang.Jobs.Search;

/// <summary>A video kept by search's first stage: its id and the dual-encoder similarity of its embedding to the query's.</summary>
internal sealed class StageOneCandidate
{
    public Guid Id { get; init; }

    public double Similarity { get; init; }
}
