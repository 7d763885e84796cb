namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// A Python dict or OrderedDict as the pickle built it: entries in insertion order, a repeated key
/// replacing the earlier value as in Python. Only scalar keys (str, int, float, bool, None) are
/// matched against each other; a state dict's keys are strings.
/// </summary>
internal sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> _items = [];
    private readonly Dictionary<object, int> _index = [];
    private bool _hasNone;
    private int _noneIndex;

    public IReadOnlyList<KeyValuePair<object?, object?>> Items => _items;

    public void Set(object? key, object? value)
    {
        if (key is null)
        {
            if (_hasNone)
            {
                _items[_noneIndex] = new(key, value);
                return;
            }
            (_hasNone, _noneIndex) = (true, _items.Count);
        }
        else if (key is string or long or double or bool or System.Numerics.BigInteger)
        {
            if (_index.TryGetValue(key, out var existing))
            {
                _items[existing] = new(key, value);
                return;
            }
            _index[key] = _items.Count;
        }
        _items.Add(new(key, value));
    }
}
