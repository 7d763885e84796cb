namespace VideoLang.Torch;

/// <summary>An operator looked up on first use, so a wrapper pays for the name lookup once.</summary>
internal sealed class LazyOp(string name, string overload = "")
{
    private AtenOp? _op;

    public AtenOp Op => _op ??= AtenOp.Get(name, overload);

    public Tensor Invoke(params ReadOnlySpan<OpArg> args) => Op.Invoke(args);

    public object?[] InvokeMany(params ReadOnlySpan<OpArg> args) => Op.InvokeMany(args);

    public void InvokeInPlace(params ReadOnlySpan<OpArg> args) => Op.InvokeInPlace(args);

    /// <summary>For ops returning (values, indices).</summary>
    public (Tensor, Tensor) InvokePair(params ReadOnlySpan<OpArg> args)
    {
        var results = Op.InvokeMany(args);
        return ((Tensor)results[0]!, (Tensor)results[1]!);
    }
}
