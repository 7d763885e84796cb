using System.IO.MemoryMappedFiles;

using System.Text.Json;

namespace VideoLang.Torch.Serialization;

/// <summary>
/// A safetensors file opened for reading: the header is parsed and checked up front, the data is
/// memory-mapped and each tensor is copied out only when asked for.
/// Format: 8-byte little-endian header length, a JSON header, then the raw little-endian data.
/// </summary>
public sealed class SafetensorsFile : ITensorFile
{
    private const long MaxHeaderBytes = 100L << 20;

    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly long _dataStart;
    private readonly Dictionary<string, TensorEntry> _entries;

    private SafetensorsFile(string path, MemoryMappedFile? map, MemoryMappedViewAccessor? view, long dataStart,
        Dictionary<string, TensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        (_map, _view, _dataStart, _entries, Metadata) = (map, view, dataStart, entries, metadata);
    }

    public string Path { get; }

    /// <summary>The free-form <c>__metadata__</c> strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IReadOnlyCollection<string> Names => _entries.Keys;

    public IReadOnlyCollection<TensorEntry> Entries => _entries.Values;

    public static SafetensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var length = new FileInfo(path).Length;
        if (length < 8)
        {
            throw new SafetensorsException($"{path}: {length} bytes is too short for a safetensors file (the header length alone takes 8).");
        }
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        try
        {
            var headerLength = view.ReadInt64(0);
            if (headerLength <= 0 || headerLength > MaxHeaderBytes || headerLength > length - 8)
            {
                throw new SafetensorsException($"{path}: the header claims {headerLength} bytes but the file holds {length - 8} after the length (truncated or not safetensors).");
            }
            var header = new byte[headerLength];
            view.ReadArray(8, header, 0, header.Length);
            var (entries, metadata) = ParseHeader(path, header, length - 8 - headerLength);
            return new SafetensorsFile(path, map, view, 8 + headerLength, entries, metadata);
        }
        catch
        {
            view.Dispose();
            map.Dispose();
            throw;
        }
    }

    public TensorInfo Info(string name)
    {
        var entry = Entry(name);
        return new TensorInfo(entry.Name, entry.Dtype, entry.Shape);
    }

    public TensorEntry Entry(string name) =>
        _entries.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"{Path} has no tensor named '{name}'.");

    /// <summary>Copies one tensor out of the file onto <paramref name="device"/>.</summary>
    public unsafe Tensor Load(string name, Device? device = null)
    {
        var entry = Entry(name);
        byte* basePointer = null;
        _view!.SafeMemoryMappedViewHandle.AcquirePointer(ref basePointer);
        try
        {
            var data = new ReadOnlySpan<byte>(basePointer + _view.PointerOffset + _dataStart + entry.Begin, checked((int)entry.ByteCount));
            return Tensor.FromSpan(data, entry.Shape, entry.Dtype, device);
        }
        finally
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    /// <summary>Every tensor, by name.</summary>
    public Dictionary<string, Tensor> LoadAll(Device? device = null) => _entries.Keys.ToDictionary(n => n, n => Load(n, device));

    public void Dispose()
    {
        _view?.Dispose();
        _map?.Dispose();
    }

    private static (Dictionary<string, TensorEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new SafetensorsException($"{path}: the header is not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafetensorsException($"{path}: the header must be a JSON object.");
            }
            var entries = new Dictionary<string, TensorEntry>();
            var metadata = new Dictionary<string, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        metadata[item.Name] = item.Value.GetString() ?? "";
                    }
                    continue;
                }
                entries[property.Name] = ParseEntry(path, property, dataLength);
            }
            CheckCoverage(path, entries.Values, dataLength);
            return (entries, metadata);
        }
    }

    private static TensorEntry ParseEntry(string path, JsonProperty property, long dataLength)
    {
        try
        {
            var value = property.Value;
            var dtype = SafetensorsDtype.Parse(value.GetProperty("dtype").GetString() ?? "");
            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || shape.Any(d => d < 0))
            {
                throw new SafetensorsException($"{path}: tensor '{property.Name}' needs two data_offsets and a non-negative shape.");
            }
            var entry = new TensorEntry(property.Name, dtype, shape, offsets[0], offsets[1]);
            var expected = shape.Aggregate(1L, (a, b) => checked(a * b)) * dtype.ElementSize();
            if (entry.Begin < 0 || entry.End < entry.Begin || entry.End > dataLength)
            {
                throw new SafetensorsException($"{path}: tensor '{property.Name}' spans bytes [{entry.Begin}, {entry.End}) but the data section holds {dataLength} (truncated file?).");
            }
            if (entry.ByteCount != expected)
            {
                throw new SafetensorsException($"{path}: tensor '{property.Name}' of shape [{string.Join(", ", shape)}] {dtype} needs {expected} bytes but spans {entry.ByteCount}.");
            }
            return entry;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new SafetensorsException($"{path}: tensor '{property.Name}' has a malformed header entry ({e.Message}).", e);
        }
    }

    private static void CheckCoverage(string path, IEnumerable<TensorEntry> entries, long dataLength)
    {
        long end = 0;
        foreach (var entry in entries.Where(e => e.ByteCount > 0).OrderBy(e => e.Begin))
        {
            if (entry.Begin < end)
            {
                throw new SafetensorsException($"{path}: tensor '{entry.Name}' overlaps the tensor before it.");
            }
            end = entry.End;
        }
        if (end != dataLength)
        {
            throw new SafetensorsException($"{path}: the tensors cover {end} bytes but the data section holds {dataLength}.");
        }
    }

}
