namespace VideoLang.Torch.Serialization;

/// <summary>
/// A file of named tensors opened for reading (safetensors, or a PyTorch <c>.pt</c>/<c>.bin</c>
/// pickle): names, dtypes and shapes are known up front, each tensor is read only when asked for,
/// so an importer holds one source tensor at a time. <see cref="TensorFiles.Open"/> picks the
/// reader from the file's first bytes.
/// </summary>
public interface ITensorFile : IDisposable
{
    string Path { get; }

    IReadOnlyCollection<string> Names { get; }

    /// <summary>The dtype and shape of one tensor, without reading its data.</summary>
    TensorInfo Info(string name);

    /// <summary>Copies one tensor out of the file onto <paramref name="device"/>.</summary>
    Tensor Load(string name, Device? device = null);
}
