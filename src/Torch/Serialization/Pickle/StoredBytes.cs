namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// A parsed PyTorch file before its tensors are chosen: the pickled value and, for every storage
/// key it refers to, the file offset of the storage's first byte (sizes already checked).
/// </summary>
internal sealed record StoredBytes(PyTorchFileFormat Format, object? Root, IReadOnlyDictionary<string, long> Offsets);
