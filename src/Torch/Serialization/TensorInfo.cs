namespace VideoLang.Torch.Serialization;

/// <summary>What is known of a stored tensor before its data is read.</summary>
public sealed record TensorInfo(string Name, ScalarType Dtype, long[] Shape);
