using System.Text;

namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// PyTorch's zip format (torch &gt;= 1.6): <c>&lt;name&gt;/data.pkl</c> holds the pickle, each storage
/// is the stored entry <c>&lt;name&gt;/data/&lt;key&gt;</c>, and <c>&lt;name&gt;/byteorder</c> (torch &gt;= 2.1) says
/// the data's byte order; an archive without it is little-endian.
/// </summary>
internal static class ZipLayout
{
    private const string PickleName = "data.pkl";

    public static StoredBytes Read(MappedFile file)
    {
        var directory = ZipDirectory.Read(file);
        var pickles = directory.Names.Where(n => n.EndsWith("/" + PickleName, StringComparison.Ordinal) && n.IndexOf('/') == n.Length - PickleName.Length - 1).ToList();
        if (pickles.Count != 1)
        {
            throw new TensorFileException(pickles.Count == 0
                ? $"{file.Path}: a zip archive without a '<name>/{PickleName}' entry is not a torch.save file."
                : $"{file.Path}: the archive holds {pickles.Count} pickles ({string.Join(", ", pickles.Order(StringComparer.Ordinal))}); a torch.save file has one.");
        }
        var prefix = pickles[0][..^PickleName.Length];
        if (directory.Contains(prefix + "constants.pkl") || directory.Names.Any(n => n.StartsWith(prefix + "code/", StringComparison.Ordinal)))
        {
            throw new TensorFileException(
                $"{file.Path} is a TorchScript archive (torch.jit.save), which holds code; load it in Python and save its state_dict() with torch.save.");
        }
        CheckByteOrder(file, directory, prefix + "byteorder");

        var pickle = directory.Find(pickles[0])!;
        var storages = new StorageTable();
        var (root, _) = PickleReader.Read(file, pickle.Offset, pickle.Offset + pickle.Size, pickle.Name, storages.Load);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, storage) in storages.Roots)
        {
            var name = prefix + "data/" + key;
            var entry = directory.Find(name)
                ?? throw new TensorFileException($"{file.Path}: {pickle.Name} refers to storage '{key}' but the archive has no entry '{name}' (a damaged or hand-made file).");
            var bytes = storage.RootElements * storage.Dtype.ElementSize();
            if (entry.Size < bytes)
            {
                throw new TensorFileException(
                    $"{file.Path}: storage '{key}' claims {storage.RootElements} {storage.Dtype} elements ({bytes} bytes) but its entry '{name}' holds {entry.Size} bytes.");
            }
            offsets[key] = entry.Offset;
        }
        return new StoredBytes(PyTorchFileFormat.Zip, root, offsets);
    }

    private static void CheckByteOrder(MappedFile file, ZipDirectory directory, string name)
    {
        if (directory.Find(name) is not { } entry)
        {
            return;
        }
        var order = entry.Size <= 16 ? Encoding.ASCII.GetString(file.Span(entry.Offset, entry.Size)).Trim() : "(unreadable)";
        if (order != "little")
        {
            throw new TensorFileException(
                $"{file.Path}: '{name}' says the data is '{order}'-endian; only little-endian files are read here (load and re-save it on a little-endian machine).");
        }
    }
}
