namespace VideoLang.Jobs.VectorIndex;

/// <summary>The native vector index refused an operation; the message names it and USearch's reason.</summary>
public sealed class VectorIndexException(string message) : Exception(message);
