namespace VideoLang.Torch;

public sealed partial class Tensor
{
    private static readonly LazyOp s_view = new("view");
    private static readonly LazyOp s_reshape = new("reshape");
    private static readonly LazyOp s_permute = new("permute");
    private static readonly LazyOp s_transpose = new("transpose", "int");
    private static readonly LazyOp s_contiguous = new("contiguous");
    private static readonly LazyOp s_unsqueeze = new("unsqueeze");
    private static readonly LazyOp s_squeezeDim = new("squeeze", "dim");
    private static readonly LazyOp s_flatten = new("flatten", "using_ints");
    private static readonly LazyOp s_expand = new("expand");
    private static readonly LazyOp s_repeat = new("repeat");
    private static readonly LazyOp s_slice = new("slice", "Tensor");
    private static readonly LazyOp s_select = new("select", "int");
    private static readonly LazyOp s_narrow = new("narrow");
    private static readonly LazyOp s_split = new("split", "Tensor");
    private static readonly LazyOp s_chunk = new("chunk");
    private static readonly LazyOp s_asStrided = new("as_strided");

    public Tensor View(params long[] shape) => s_view.Invoke(this, shape);

    public Tensor Reshape(params long[] shape) => s_reshape.Invoke(this, shape);

    public Tensor Permute(params long[] dims) => s_permute.Invoke(this, dims);

    public Tensor Transpose(long dim0, long dim1) => s_transpose.Invoke(this, dim0, dim1);

    /// <summary>The transpose of a matrix.</summary>
    public Tensor T() => Transpose(0, 1);

    public Tensor Contiguous() => s_contiguous.Invoke(this);

    /// <summary>A view of this tensor's storage with the given sizes and strides (in elements), starting <paramref name="storageOffset"/> elements in (null keeps this tensor's offset).</summary>
    public Tensor AsStrided(long[] size, long[] stride, long? storageOffset = null) =>
        s_asStrided.Invoke(this, size, stride, OpArg.Optional(storageOffset));

    public Tensor Unsqueeze(long dim) => s_unsqueeze.Invoke(this, dim);

    public Tensor Squeeze(long dim) => s_squeezeDim.Invoke(this, dim);

    public Tensor Flatten(long startDim = 0, long endDim = -1) => s_flatten.Invoke(this, startDim, endDim);

    /// <summary>Broadcasts to <paramref name="shape"/> without copying (-1 keeps a dimension).</summary>
    public Tensor Expand(params long[] shape) => s_expand.Invoke(this, shape);

    public Tensor Repeat(params long[] repeats) => s_repeat.Invoke(this, repeats);

    /// <summary><c>x[..., start:end:step, ...]</c> along <paramref name="dim"/>; a null bound is open.</summary>
    public Tensor Slice(long dim, long? start = null, long? end = null, long step = 1) =>
        s_slice.Invoke(this, dim, OpArg.Optional(start), OpArg.Optional(end), step);

    /// <summary><c>x[..., index, ...]</c> along <paramref name="dim"/>, removing that dimension.</summary>
    public Tensor Select(long dim, long index) => s_select.Invoke(this, dim, index);

    public Tensor Narrow(long dim, long start, long length) => s_narrow.Invoke(this, dim, start, length);

    public Tensor[] Split(long splitSize, long dim = 0) => AsTensors(s_split.InvokeMany(this, splitSize, dim));

    public Tensor[] Chunk(long chunks, long dim = 0) => AsTensors(s_chunk.InvokeMany(this, chunks, dim));

    private static Tensor[] AsTensors(object?[] values) => values.Cast<Tensor>().ToArray();
}
