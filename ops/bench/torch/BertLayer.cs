using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Bench.Torch;

/// <summary>One BERT-base encoder layer (post-LN, exact GELU), the same ops as bert_layer.py.</summary>
internal sealed class BertLayer : Module<Tensor, Tensor>
{
    private readonly long _heads;
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Linear _attentionOutput;
    private readonly LayerNorm _attentionNorm;
    private readonly Linear _intermediate;
    private readonly Linear _output;
    private readonly LayerNorm _outputNorm;

    public BertLayer(long hidden = 768, long heads = 12, long intermediate = 3072)
    {
        _heads = heads;
        _query = RegisterModule("query", new Linear(hidden, hidden));
        _key = RegisterModule("key", new Linear(hidden, hidden));
        _value = RegisterModule("value", new Linear(hidden, hidden));
        _attentionOutput = RegisterModule("attention_output", new Linear(hidden, hidden));
        _attentionNorm = RegisterModule("attention_norm", new LayerNorm(hidden, 1e-12));
        _intermediate = RegisterModule("intermediate", new Linear(hidden, intermediate));
        _output = RegisterModule("output", new Linear(intermediate, hidden));
        _outputNorm = RegisterModule("output_norm", new LayerNorm(hidden, 1e-12));
    }

    public override Tensor Forward(Tensor input)
    {
        var (batch, length, hidden) = (input.Size(0), input.Size(1), input.Size(2));
        var headSize = hidden / _heads;
        Tensor Heads(Tensor x) => x.View(batch, length, _heads, headSize).Transpose(1, 2);
        var q = Heads(_query.Forward(input));
        var k = Heads(_key.Forward(input));
        var v = Heads(_value.Forward(input));
        var scores = q.Matmul(k.Transpose(2, 3)) / Math.Sqrt(headSize);
        var context = Functional.Softmax(scores, -1).Matmul(v).Transpose(1, 2).Reshape(batch, length, hidden);
        var attended = _attentionNorm.Forward(_attentionOutput.Forward(context) + input);
        var ffn = _output.Forward(Functional.Gelu(_intermediate.Forward(attended)));
        return _outputNorm.Forward(ffn + attended);
    }
}
