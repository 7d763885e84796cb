namespace VideoLang.Model.Embedders;

/// <summary>How a published tensor becomes a model tensor on import.</summary>
public enum TensorTransform
{
    /// <summary>Copied as it is.</summary>
    None,

    /// <summary>open_clip's projection matrices are used as x @ P; a linear's weight is Pᵀ.</summary>
    Transpose,

    /// <summary>The first third of <c>nn.MultiheadAttention</c>'s packed <c>in_proj</c>: the query projection.</summary>
    QueryPart,

    /// <summary>The second third of the packed <c>in_proj</c>: the key projection.</summary>
    KeyPart,

    /// <summary>The last third of the packed <c>in_proj</c>: the value projection.</summary>
    ValuePart,
}
