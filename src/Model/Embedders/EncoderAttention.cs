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
    /// <remarks>
    /// Each intermediate is freed as soon as it is used, as Python's reference counting frees it: kept to
    /// the end of a scope they made the ViT-B/32 towers 1.6-1.8x slower than PyTorch (fresh memory for
    /// every product instead of reused, cache-warm blocks).
    /// </remarks>
    public Tensor Forward(Tensor hidden, Tensor? additiveMask)
    {
        var (batch, length, size) = (hidden.Size(0), hidden.Size(1), hidden.Size(2));
        var headSize = size / _heads;
        Tensor Heads(Tensor projected) => projected.View(batch, length, _heads, headSize).Transpose(1, 2);
        using var scores = QueryKeyScores(hidden, headSize, Heads);
        if (additiveMask is not null)
        {
            scores.Add_(additiveMask);
        }
        using var probabilities = Functional.Softmax(scores, -1);
        using var values = _value.Forward(hidden);
        using var valueHeads = Heads(values);
        using var context = probabilities.Matmul(valueHeads);
        using var merged = context.Transpose(1, 2);
        using var flat = merged.Reshape(batch, length, size);
        return _output.Forward(flat);
    }

    private Tensor QueryKeyScores(Tensor hidden, long headSize, Func<Tensor, Tensor> heads)
    {
        // HF scales the queries before the product, as here.
        using var queries = _query.Forward(hidden);
        queries.Mul_(1.0 / Math.Sqrt(headSize));
        using var keys = _key.Forward(hidden);
        using var queryHeads = heads(queries);
        using var keyHeads = heads(keys);
        using var keysT = keyHeads.Transpose(2, 3);
        return queryHeads.Matmul(keysT);
    }
}
