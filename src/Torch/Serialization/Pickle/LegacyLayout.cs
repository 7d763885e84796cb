using System.Buffers.Binary;
using System.Numerics;

namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// PyTorch's legacy format (torch &lt; 1.6, or <c>_use_new_zipfile_serialization=False</c>): five
/// pickles back to back (magic number, protocol version 1001, system info, the object, the list of
/// storage keys), then for each key in that order an 8-byte little-endian element count and the
/// storage's raw bytes.
/// </summary>
internal static class LegacyLayout
{
    private const long ProtocolVersion = 1001;

    private static readonly BigInteger s_magic = BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);

    public static StoredBytes Read(MappedFile file)
    {
        var end = file.Length;
        var (magic, next) = PickleReader.Read(file, 0, end, "the magic-number pickle");
        if (magic is not BigInteger number || number != s_magic)
        {
            throw new TensorFileException(
                $"{file.Path} holds a pickle that does not start with torch.save's magic number: it is a plain pickle, not a PyTorch weights file.");
        }
        (var version, next) = PickleReader.Read(file, next, end, "the protocol-version pickle");
        if (version is not long v || v != ProtocolVersion)
        {
            throw new TensorFileException($"{file.Path}: legacy torch.save protocol version {version ?? "None"}; only {ProtocolVersion} is read.");
        }
        (var system, next) = PickleReader.Read(file, next, end, "the system-info pickle");
        CheckLittleEndian(file, system);

        var storages = new StorageTable();
        (var root, next) = PickleReader.Read(file, next, end, "the object pickle", storages.Load);
        (var keyList, next) = PickleReader.Read(file, next, end, "the storage-key pickle");
        if (keyList is not List<object?> keys || keys.Any(k => k is not string))
        {
            throw new TensorFileException($"{file.Path}: the pickle after the object is not the list of storage keys (strings).");
        }
        return new StoredBytes(PyTorchFileFormat.Legacy, root, Locate(file, next, keys.Cast<string>().ToList(), storages));
    }

    private static void CheckLittleEndian(MappedFile file, object? system)
    {
        var little = system is PickleDict info ? info.Items.FirstOrDefault(i => i.Key is "little_endian").Value : null;
        if (little is not true)
        {
            throw new TensorFileException(
                $"{file.Path}: the system-info pickle does not say little_endian=True; only little-endian files are read here (load and re-save it on a little-endian machine).");
        }
    }

    private static Dictionary<string, long> Locate(MappedFile file, long position, List<string> keys, StorageTable storages)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!storages.Roots.TryGetValue(key, out var storage))
            {
                throw new TensorFileException($"{file.Path}: storage '{key}' is stored but no tensor refers to it, so its element type is unknown (a damaged or hand-made file).");
            }
            if (offsets.ContainsKey(key))
            {
                throw new TensorFileException($"{file.Path}: storage '{key}' is listed twice.");
            }
            if (file.Length - position < 8)
            {
                throw new TensorFileException($"{file.Path}: the file ends at byte {file.Length}, before storage '{key}' (truncated).");
            }
            var count = BinaryPrimitives.ReadInt64LittleEndian(file.Span(position, 8));
            var size = storage.Dtype.ElementSize();
            var left = file.Length - position - 8;
            if (count < 0 || count > left / size)
            {
                throw new TensorFileException(
                    $"{file.Path}: storage '{key}' claims {count} {storage.Dtype} elements at byte {position} but only {left} bytes remain (truncated or corrupt).");
            }
            if (count != storage.RootElements)
            {
                throw new TensorFileException($"{file.Path}: storage '{key}' holds {count} elements where the pickle says {storage.RootElements}.");
            }
            offsets[key] = position + 8;
            position += 8 + count * size;
        }
        if (storages.Roots.Keys.FirstOrDefault(k => !offsets.ContainsKey(k)) is { } missing)
        {
            throw new TensorFileException($"{file.Path}: the pickle refers to storage '{missing}' but the file does not store it (a damaged or hand-made file).");
        }
        return offsets;
    }
}
