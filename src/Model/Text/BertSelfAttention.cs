using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>Multi-head scaled dot-product attention (HF <c>attention.self.{query,key,value}</c>).</summary>
internal sealed class BertSelfAttention : Module
{
    private readonly long _heads;
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Dropout _dropout;

    public BertSelfAttention(BertConfig config)
    {
        if (config.HiddenSize % config.NumAttentionHeads != 0)
        {
            throw new ArgumentException($"Hidden size {config.HiddenSize} must divide by the {config.NumAttentionHeads} attention heads.", nameof(config));
        }
        _heads = config.NumAttentionHeads;
        _query = RegisterModule("query", new Linear(config.HiddenSize, config.HiddenSize));
        _key = RegisterModule("key", new Linear(config.HiddenSize, config.HiddenSize));
        _value = RegisterModule("value", new Linear(config.HiddenSize, config.HiddenSize));
        _dropout = RegisterModule("dropout", new Dropout(config.AttentionProbsDropoutProb));
    }

    /// <summary>(B, L, H) hidden states and a (B, 1, 1, L) additive mask to (B, L, H).</summary>
    public Tensor Forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = new DisposeScope();
        var (batch, length, size) = (hidden.Size(0), hidden.Size(1), hidden.Size(2));
        var headSize = size / _heads;
        Tensor Heads(Linear projection) => projection.Forward(hidden).View(batch, length, _heads, headSize).Transpose(1, 2);
        var scores = Heads(_query).Matmul(Heads(_key).Transpose(2, 3)).Div(Math.Sqrt(headSize)) + additiveMask;
        var probabilities = _dropout.Forward(Functional.Softmax(scores, -1));
        var context = probabilities.Matmul(Heads(_value)).Transpose(1, 2).Reshape(batch, length, size);
        return scope.MoveOut(context);
    }
}
