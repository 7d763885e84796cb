namespace VideoLang.Jobs.VectorIndex;

/// <summary>How the index stores each vector: 4, 2 or 1 byte per dimension. Scores returned to users are always re-computed from the exact stored vectors.</summary>
public enum IndexQuantization
{
    Float32,
    Float16,
    Int8,
}
