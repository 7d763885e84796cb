using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>
/// PyTorch's <c>nn.MultiheadAttention</c> (batch first) with its parameter names: the packed
/// <c>in_proj_weight</c> (3H, H) and <c>in_proj_bias</c> (3H) hold the query, key and value projections
/// in that order; <c>out_proj</c> is a linear. SigLIP's pooling head uses it as PyTorch's own module.
/// </summary>
internal sealed class PoolingAttention : Module
{
    private readonly long _hidden;
    private readonly long _heads;
    private readonly Tensor _inProjWeight;
    private readonly Tensor _inProjBias;
    private readonly Linear _outProj;

    public PoolingAttention(long hidden, long heads)
    {
        (_hidden, _heads) = (hidden, heads);
        using (var scope = new DisposeScope())
        {
            _inProjWeight = RegisterParameter("in_proj_weight", Tensors.Empty([3 * hidden, hidden]).Uniform_(-1 / Math.Sqrt(hidden), 1 / Math.Sqrt(hidden)));
            _inProjBias = RegisterParameter("in_proj_bias", Tensors.Zeros([3 * hidden]));
        }
        _outProj = RegisterModule("out_proj", new Linear(hidden, hidden));
    }

    /// <summary>Queries (B, Q, H) attend over keys and values (B, N, H); returns (B, Q, H).</summary>
    public Tensor Forward(Tensor query, Tensor keyValue)
    {
        using var scope = new DisposeScope();
        var headSize = _hidden / _heads;
        Tensor Project(Tensor input, int part) =>
            Functional.Linear(input, _inProjWeight.Narrow(0, part * _hidden, _hidden), _inProjBias.Narrow(0, part * _hidden, _hidden));
        Tensor Heads(Tensor projected) => projected.View(projected.Size(0), projected.Size(1), _heads, headSize).Transpose(1, 2);
        var q = Heads(Project(query, 0)).Mul(1.0 / Math.Sqrt(headSize));
        var scores = q.Matmul(Heads(Project(keyValue, 1)).Transpose(2, 3));
        var context = Functional.Softmax(scores, -1).Matmul(Heads(Project(keyValue, 2))).Transpose(1, 2).Reshape(query.Size(0), query.Size(1), _hidden);
        return scope.MoveOut(_outProj.Forward(context));
    }
}
