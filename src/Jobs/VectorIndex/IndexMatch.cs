namespace VideoLang.Jobs.VectorIndex;

/// <summary>One neighbour the index proposes: its key and its (quantised) cosine similarity to the query.</summary>
public readonly record struct IndexMatch(ulong Key, float Similarity);
