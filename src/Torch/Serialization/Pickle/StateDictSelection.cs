namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// Picks the tensors a file exposes from its pickled value: those of the top-level dict if it has
/// any (a plain state dict), otherwise those of the one nested dict that holds tensors, as in
/// <c>{"model": state_dict, "optimizer": ..., "epoch": 3}</c> or <c>{"state_dict": ...}</c>. Only these
/// two levels are looked at, so no walk ever recurses into a hostile nesting.
/// </summary>
internal sealed record StateDictSelection(IReadOnlyList<KeyValuePair<string, PickledTensor>> Tensors, string? Key, IReadOnlyList<string> Ignored)
{
    public static StateDictSelection Select(string path, object? root)
    {
        if (root is not PickleDict top)
        {
            throw new TensorFileException(root is PickledTensor
                ? $"{path} holds a single tensor, not a state dict; save a dict of named tensors (e.g. {{\"weight\": tensor}})."
                : $"{path} holds a {TorchGlobals.TypeName(root)}, not a state dict (a dict of named tensors).");
        }
        if (top.Items.Any(i => i.Value is PickledTensor))
        {
            return new StateDictSelection(Named(path, top), null, Others(top));
        }
        var nested = top.Items.Where(i => i.Value is PickleDict d && d.Items.Any(e => e.Value is PickledTensor)).ToList();
        if (nested.Count == 0)
        {
            throw new TensorFileException(
                $"{path} holds no tensors: its dict has {top.Items.Count} entries ({Keys(top.Items)}) and none is a tensor or a dict of tensors.");
        }
        if (nested.Count > 1)
        {
            throw new TensorFileException(
                $"{path} holds several dicts of tensors ({Keys(nested)}), so which one is the model's state dict is ambiguous; " +
                "save the one wanted on its own with torch.save(checkpoint[\"model\"], path).");
        }
        var key = KeyName(path, nested[0].Key);
        var ignored = Others((PickleDict)nested[0].Value!).Concat(top.Items.Where(i => !ReferenceEquals(i.Value, nested[0].Value)).Select(i => KeyName(path, i.Key)));
        return new StateDictSelection(Named(path, (PickleDict)nested[0].Value!), key, ignored.ToList());
    }

    private static List<KeyValuePair<string, PickledTensor>> Named(string path, PickleDict dict) =>
        dict.Items.Where(i => i.Value is PickledTensor).Select(i => KeyValuePair.Create(KeyName(path, i.Key), (PickledTensor)i.Value!)).ToList();

    private static List<string> Others(PickleDict dict) =>
        dict.Items.Where(i => i.Value is not PickledTensor).Select(i => Display(i.Key)).ToList();

    private static string Display(object? key) => key is string or long ? Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)! : $"<{TorchGlobals.TypeName(key)} key>";

    /// <summary>State dict keys are strings; an int key (as in an optimizer's state) is named by its digits.</summary>
    private static string KeyName(string path, object? key) => key switch
    {
        string s => s,
        long n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new TensorFileException($"{path}: a tensor is stored under a {TorchGlobals.TypeName(key)} key; state dict keys are strings."),
    };

    private static string Keys(IEnumerable<KeyValuePair<object?, object?>> items)
    {
        var names = items.Select(i => $"'{Display(i.Key)}'").ToList();
        return names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $" and {names.Count - 10} more";
    }
}
