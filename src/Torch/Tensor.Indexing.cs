namespace VideoLang.Torch;

public sealed partial class Tensor
{
    private static readonly LazyOp s_indexSelect = new("index_select");
    private static readonly LazyOp s_gather = new("gather");
    private static readonly LazyOp s_maskedFill = new("masked_fill", "Scalar");
    private static readonly LazyOp s_index = new("index", "Tensor");

    public Tensor IndexSelect(long dim, Tensor index) => s_indexSelect.Invoke(this, dim, index);

    public Tensor Gather(long dim, Tensor index) => s_gather.Invoke(this, dim, index, false);

    /// <summary>Sets the elements where <paramref name="mask"/> is true to <paramref name="value"/>.</summary>
    public Tensor MaskedFill(Tensor mask, double value) => s_maskedFill.Invoke(this, mask, value);

    /// <summary>Advanced indexing, <c>x[i0, i1, ...]</c>; a null entry keeps that dimension whole.</summary>
    public Tensor Index(params Tensor?[] indices) => s_index.Invoke(this, indices);
}
