namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>The pickle machine's stack, marks and memo, each capped.</summary>
internal sealed partial class PickleReader
{
    private void SetItems(PickleDict dict, object?[] pairs)
    {
        if (pairs.Length % 2 != 0)
        {
            throw Fail($"{pairs.Length} values follow the mark, not key/value pairs");
        }
        for (var i = 0; i < pairs.Length; i += 2)
        {
            dict.Set(pairs[i], pairs[i + 1]);
        }
    }

    private List<object?> ListAt(object? value) =>
        value as List<object?> ?? throw Fail($"APPEND to a {TorchGlobals.TypeName(value)}, not a list");

    private PickleDict DictAt(object? value) =>
        value as PickleDict ?? throw Fail($"SETITEM on a {TorchGlobals.TypeName(value)}, not a dict");

    private void Memo(long index)
    {
        if (_memo.Count >= MaxMemo && !_memo.ContainsKey(index))
        {
            throw Fail($"more than {MaxMemo} memo entries");
        }
        _memo[index] = Top();
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw Fail($"memo entry {index} is read before it is written");

    private void Push(object? value)
    {
        if (_stack.Count >= MaxStack)
        {
            throw Fail($"more than {MaxStack} values on the stack");
        }
        _stack.Add(value);
    }

    private object? Top()
    {
        var floor = _marks.Count > 0 ? _marks.Peek() : 0;
        return _stack.Count > floor ? _stack[^1] : throw Fail("the stack is empty where a value is needed");
    }

    private object? Pop()
    {
        var value = Top();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object?[] PopMany(int count)
    {
        var floor = _marks.Count > 0 ? _marks.Peek() : 0;
        if (_stack.Count - floor < count)
        {
            throw Fail($"a {count}-tuple is built from {_stack.Count - floor} values");
        }
        return PopFrom(_stack.Count - count);
    }

    private object?[] PopMark()
    {
        if (_marks.Count == 0)
        {
            throw Fail("a mark is closed that was never opened");
        }
        return PopFrom(_marks.Pop());
    }

    private object?[] PopFrom(int start)
    {
        var values = _stack.GetRange(start, _stack.Count - start).ToArray();
        _stack.RemoveRange(start, _stack.Count - start);
        return values;
    }
}
