namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// A torch storage named by a pickle's persistent id: the key of its bytes in the file, its element
/// type and the element count the pickle claims. <see cref="Offset"/> and <see cref="Elements"/>
/// select a slice of it (legacy files from before torch 0.4 pickle storage views; otherwise the
/// whole storage).
/// </summary>
internal sealed record PickledStorage(string Key, ScalarType Dtype, long RootElements, long Offset, long Elements);
