using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

/// <summary>Multi-head self-attention with HuggingFace CLIP's names: <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>out_proj</c>.</summary>
internal sealed class EncoderAttention : Module
{
    private readonly long _heads;
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Linear _output;

    public EncoderAttention(long hidden, long heads)
    {
        _heads = heads;
        _key = RegisterModule("k_proj", new Linear(hidden, hidden));
        _value = RegisterModule("v_proj", new Linear(hidden, hidden));
        _query = RegisterModule("q_proj", new Linear(hidden, hidden));
        _output = RegisterModule("out_proj", new Linear(hidden, hidden));
    }

    /// <summary>(B, L, H) to (B, L, H); <paramref name="additiveMask"/> broadcasts to (B, heads, L, L) or is null.</summary>
    public Tensor Forward(Tensor hidden, Tensor? additiveMask)
    {
        using var scope = new DisposeScope();
        var (batch, length, size) = (hidden.Size(0), hidden.Size(1), hidden.Size(2));
        var headSize = size / _heads;
        Tensor Heads(Tensor projected) => projected.View(batch, length, _heads, headSize).Transpose(1, 2);
        // HF scales the queries before the product, as here.
        var query = Heads(_query.Forward(hidden).Mul(1.0 / Math.Sqrt(headSize)));
        var scores = query.Matmul(Heads(_key.Forward(hidden)).Transpose(2, 3));
        if (additiveMask is not null)
        {
            scores = scores + additiveMask;
        }
        var context = Functional.Softmax(scores, -1).Matmul(Heads(_value.Forward(hidden))).Transpose(1, 2).Reshape(batch, length, size);
        return scope.MoveOut(_output.Forward(context));
    }
}
