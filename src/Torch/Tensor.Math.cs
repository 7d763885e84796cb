namespace VideoLang.Torch;

public sealed partial class Tensor
{
    private static readonly LazyOp s_addTensor = new("add", "Tensor");
    private static readonly LazyOp s_addScalar = new("add", "Scalar");
    private static readonly LazyOp s_subTensor = new("sub", "Tensor");
    private static readonly LazyOp s_subScalar = new("sub", "Scalar");
    private static readonly LazyOp s_rsubScalar = new("rsub", "Scalar");
    private static readonly LazyOp s_mulTensor = new("mul", "Tensor");
    private static readonly LazyOp s_mulScalar = new("mul", "Scalar");
    private static readonly LazyOp s_divTensor = new("div", "Tensor");
    private static readonly LazyOp s_divScalar = new("div", "Scalar");
    private static readonly LazyOp s_reciprocal = new("reciprocal");
    private static readonly LazyOp s_neg = new("neg");
    private static readonly LazyOp s_abs = new("abs");
    private static readonly LazyOp s_exp = new("exp");
    private static readonly LazyOp s_log = new("log");
    private static readonly LazyOp s_sqrt = new("sqrt");
    private static readonly LazyOp s_rsqrt = new("rsqrt");
    private static readonly LazyOp s_powScalar = new("pow", "Tensor_Scalar");
    private static readonly LazyOp s_powTensor = new("pow", "Tensor_Tensor");
    private static readonly LazyOp s_clamp = new("clamp");
    private static readonly LazyOp s_tanh = new("tanh");
    private static readonly LazyOp s_sigmoid = new("sigmoid");
    private static readonly LazyOp s_relu = new("relu");
    private static readonly LazyOp s_matmul = new("matmul");
    private static readonly LazyOp s_mm = new("mm");
    private static readonly LazyOp s_bmm = new("bmm");

    public Tensor Add(Tensor other, double alpha = 1) => s_addTensor.Invoke(this, other, OpArg.Number(alpha));

    public Tensor Add(double other) => s_addScalar.Invoke(this, other);

    public Tensor Sub(Tensor other, double alpha = 1) => s_subTensor.Invoke(this, other, OpArg.Number(alpha));

    public Tensor Sub(double other) => s_subScalar.Invoke(this, other);

    public Tensor Mul(Tensor other) => s_mulTensor.Invoke(this, other);

    public Tensor Mul(double other) => s_mulScalar.Invoke(this, other);

    public Tensor Div(Tensor other) => s_divTensor.Invoke(this, other);

    public Tensor Div(double other) => s_divScalar.Invoke(this, other);

    public Tensor Reciprocal() => s_reciprocal.Invoke(this);

    public Tensor Neg() => s_neg.Invoke(this);

    public Tensor Abs() => s_abs.Invoke(this);

    public Tensor Exp() => s_exp.Invoke(this);

    public Tensor Log() => s_log.Invoke(this);

    public Tensor Sqrt() => s_sqrt.Invoke(this);

    public Tensor Rsqrt() => s_rsqrt.Invoke(this);

    public Tensor Pow(double exponent) => s_powScalar.Invoke(this, exponent);

    public Tensor Pow(Tensor exponent) => s_powTensor.Invoke(this, exponent);

    /// <summary>Clamps into [min, max]; a null bound is open.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        s_clamp.Invoke(this, min is { } lo ? lo : OpArg.None, max is { } hi ? hi : OpArg.None);

    public Tensor Tanh() => s_tanh.Invoke(this);

    public Tensor Sigmoid() => s_sigmoid.Invoke(this);

    public Tensor Relu() => s_relu.Invoke(this);

    /// <summary>Matrix product with NumPy broadcasting semantics (torch.matmul).</summary>
    public Tensor Matmul(Tensor other) => s_matmul.Invoke(this, other);

    public Tensor Mm(Tensor other) => s_mm.Invoke(this, other);

    public Tensor Bmm(Tensor other) => s_bmm.Invoke(this, other);

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    public static Tensor operator +(double a, Tensor b) => b.Add(a);

    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    public static Tensor operator -(Tensor a, double b) => a.Sub(b);

    public static Tensor operator -(double a, Tensor b) => s_rsubScalar.Invoke(b, a);

    public static Tensor operator -(Tensor a) => a.Neg();

    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    public static Tensor operator *(double a, Tensor b) => b.Mul(a);

    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    public static Tensor operator /(double a, Tensor b) => b.Reciprocal().Mul(a);
}
