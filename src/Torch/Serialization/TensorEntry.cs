namespace VideoLang.Torch.Serialization;

/// <summary>One tensor's header entry in a safetensors file: dtype, shape and byte range in the data section.</summary>
public sealed record TensorEntry(string Name, ScalarType Dtype, long[] Shape, long Begin, long End)
{
    public long ByteCount => End - Begin;
}
