namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// The persistent ids of one pickle: each names a storage by key, element type and element count
/// (<c>('storage', torch.FloatStorage, key, location, numel)</c>, plus a view for legacy files).
/// The first id of a key fixes what the key is; a later id that disagrees is refused.
/// </summary>
internal sealed class StorageTable
{
    private readonly Dictionary<string, PickledStorage> _roots = new(StringComparer.Ordinal);

    /// <summary>Every storage the pickle referred to, by key, as whole storages.</summary>
    public IReadOnlyDictionary<string, PickledStorage> Roots => _roots;

    /// <summary>A <see cref="PickleReader"/> persistent-load callback.</summary>
    public object Load(PickleReader reader, object? id)
    {
        if (id is not object?[] { Length: 5 or 6 } fields || fields[0] is not "storage")
        {
            throw reader.Fail($"a persistent id is {Describe(id)}, not ('storage', type, key, location, numel)");
        }
        if (fields[1] is not PickleGlobal type || TorchGlobals.StorageDtype(type) is not { } dtype)
        {
            throw reader.Fail($"a persistent id names a {TorchGlobals.TypeName(fields[1])} where a torch.XxxStorage type belongs");
        }
        if (fields[2] is not string key || fields[3] is not string || fields[4] is not long elements || elements < 0
            || elements > long.MaxValue / dtype.ElementSize())
        {
            throw reader.Fail($"the persistent id of a {type} has a malformed key, location or element count");
        }
        var root = new PickledStorage(key, dtype, elements, 0, elements);
        if (_roots.TryGetValue(key, out var known))
        {
            if (known.Dtype != dtype || known.RootElements != elements)
            {
                throw reader.Fail($"storage '{key}' is named as {known.RootElements} {known.Dtype} elements and again as {elements} {dtype} elements");
            }
        }
        else
        {
            _roots[key] = root;
        }
        return fields.Length == 6 && fields[5] is not null ? View(reader, root, fields[5]) : root;
    }

    // Legacy files of torch < 0.4 could pickle a storage view: (view_key, offset, size) of the root.
    private static PickledStorage View(PickleReader reader, PickledStorage root, object? metadata)
    {
        if (metadata is not object?[] { Length: 3 } view || view[1] is not long offset || view[2] is not long size
            || offset < 0 || size < 0 || offset > root.RootElements - size)
        {
            throw reader.Fail($"storage '{root.Key}' has a malformed view or one past its {root.RootElements} elements");
        }
        return root with { Offset = offset, Elements = size };
    }

    private static string Describe(object? id) =>
        id is object?[] fields ? $"a tuple of {fields.Length} starting with {(fields.Length > 0 ? TorchGlobals.TypeName(fields[0]) : "nothing")}" : "a " + TorchGlobals.TypeName(id);
}
