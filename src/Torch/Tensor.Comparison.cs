namespace VideoLang.Torch;

public sealed partial class Tensor
{
    private static readonly LazyOp s_eqTensor = new("eq", "Tensor");
    private static readonly LazyOp s_eqScalar = new("eq", "Scalar");
    private static readonly LazyOp s_neTensor = new("ne", "Tensor");
    private static readonly LazyOp s_neScalar = new("ne", "Scalar");
    private static readonly LazyOp s_ltTensor = new("lt", "Tensor");
    private static readonly LazyOp s_ltScalar = new("lt", "Scalar");
    private static readonly LazyOp s_leTensor = new("le", "Tensor");
    private static readonly LazyOp s_leScalar = new("le", "Scalar");
    private static readonly LazyOp s_gtTensor = new("gt", "Tensor");
    private static readonly LazyOp s_gtScalar = new("gt", "Scalar");
    private static readonly LazyOp s_geTensor = new("ge", "Tensor");
    private static readonly LazyOp s_geScalar = new("ge", "Scalar");
    private static readonly LazyOp s_logicalNot = new("logical_not");
    private static readonly LazyOp s_allclose = new("allclose");

    public Tensor Eq(Tensor other) => s_eqTensor.Invoke(this, other);

    public Tensor Eq(double other) => s_eqScalar.Invoke(this, other);

    public Tensor Ne(Tensor other) => s_neTensor.Invoke(this, other);

    public Tensor Ne(double other) => s_neScalar.Invoke(this, other);

    public Tensor Lt(Tensor other) => s_ltTensor.Invoke(this, other);

    public Tensor Lt(double other) => s_ltScalar.Invoke(this, other);

    public Tensor Le(Tensor other) => s_leTensor.Invoke(this, other);

    public Tensor Le(double other) => s_leScalar.Invoke(this, other);

    public Tensor Gt(Tensor other) => s_gtTensor.Invoke(this, other);

    public Tensor Gt(double other) => s_gtScalar.Invoke(this, other);

    public Tensor Ge(Tensor other) => s_geTensor.Invoke(this, other);

    public Tensor Ge(double other) => s_geScalar.Invoke(this, other);

    public Tensor LogicalNot() => s_logicalNot.Invoke(this);

    /// <summary>True when every element is within <c>atol + rtol * |other|</c> (torch.allclose).</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8) =>
        (bool)s_allclose.InvokeMany(this, other, rtol, atol, false)[0]!;
}
