using VideoLang.Torch.Serialization.Pickle;

namespace VideoLang.Torch.Serialization;

/// <summary>
/// A PyTorch <c>.pt</c>/<c>.bin</c>/<c>.pth</c> file written by <c>torch.save(state_dict)</c>, in the zip
/// format (torch &gt;= 1.6) or the legacy one, opened without executing anything: the pickle is read
/// by a restricted unpickler that builds values only and accepts no global outside a small
/// allow-list (OrderedDict, torch's tensor and parameter rebuild functions and storage types), so a
/// file that would run code, or pickles a whole module, is refused with the global it names.
/// Names, dtypes, shapes, strides and storage offsets are parsed and checked against the bytes
/// present when the file is opened; a tensor's bytes are read only by <see cref="Load"/>, from the
/// memory-mapped file. Tensors nested one level down (<c>{"model": state_dict, ...}</c>) are found;
/// non-tensor values are listed in <see cref="Ignored"/>.
/// </summary>
public sealed class PickledTensorFile : ITensorFile
{
    private readonly MappedFile _file;
    private readonly Dictionary<string, PickledTensor> _tensors;
    private readonly IReadOnlyDictionary<string, long> _offsets;

    private PickledTensorFile(MappedFile file, PyTorchFileFormat format, StateDictSelection selection, IReadOnlyDictionary<string, long> offsets)
    {
        (_file, Format, _offsets) = (file, format, offsets);
        _tensors = new Dictionary<string, PickledTensor>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, tensor) in selection.Tensors)
        {
            if (_tensors.TryAdd(name, tensor))
            {
                names.Add(name);
            }
            else
            {
                // An int key and its digits as a string: both cannot keep the one name.
                throw new TensorFileException($"{file.Path}: two tensors are named '{name}'.");
            }
        }
        (Names, StateDictKey, Ignored) = (names, selection.Key, selection.Ignored);
    }

    public string Path => _file.Path;

    public PyTorchFileFormat Format { get; }

    /// <summary>In file order.</summary>
    public IReadOnlyCollection<string> Names { get; }

    /// <summary>The key of the nested dict whose tensors this file exposes (<c>"model"</c>, <c>"state_dict"</c>), or null when the top-level dict holds them.</summary>
    public string? StateDictKey { get; }

    /// <summary>Keys of values that are not tensors (an epoch number, an optimizer's state, ...), read past and not exposed.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <exception cref="TensorFileException">The file is not a torch.save file, is truncated or malformed, or its pickle names a global outside the allow-list.</exception>
    public static PickledTensorFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = MappedFile.Open(path);
        try
        {
            var stored = file.Length >= 4 && file.Span(0, 4).SequenceEqual("PK\x03\x04"u8) ? ZipLayout.Read(file)
                : file[0] == 0x80 ? LegacyLayout.Read(file)
                : throw new TensorFileException($"{path} is not a PyTorch file: it is neither a zip archive nor a pickle.");
            return new PickledTensorFile(file, stored.Format, StateDictSelection.Select(path, stored.Root), stored.Offsets);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public TensorInfo Info(string name)
    {
        var tensor = Tensor(name);
        return new TensorInfo(name, tensor.Storage.Dtype, (long[])tensor.Shape.Clone());
    }

    /// <summary>Copies one tensor out of the file onto <paramref name="device"/>: dense and contiguous even where it was saved as a view (transposed, a slice of a shared storage).</summary>
    public Tensor Load(string name, Device? device = null)
    {
        var tensor = Tensor(name);
        var dtype = tensor.Storage.Dtype;
        var size = dtype.ElementSize();
        var start = _offsets[tensor.Storage.Key] + (tensor.Storage.Offset + tensor.StorageOffset) * size;
        var bytes = _file.Span(start, tensor.Extent * size);
        if (tensor.IsContiguous)
        {
            return Torch.Tensor.FromSpan(bytes, tensor.Shape, dtype, device);
        }
        using var flat = Torch.Tensor.FromSpan(bytes, [tensor.Extent], dtype);
        using var view = flat.AsStrided(tensor.Shape, tensor.Strides, 0);
        if (device is { Type: not DeviceType.Cpu } target)
        {
            using var dense = view.Contiguous();
            return dense.To(target);
        }
        return view.Contiguous();
    }

    public void Dispose() => _file.Dispose();

    private PickledTensor Tensor(string name) =>
        _tensors.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"{Path} has no tensor named '{name}'.");
}
