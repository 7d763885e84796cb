namespace VideoLang.Torch.NN;

/// <summary>A lookup table <c>weight</c> (count, dim), initialised N(0, 1) as PyTorch.</summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    private readonly long _paddingIndex;

    public Embedding(long count, long dim, long? paddingIndex = null)
    {
        _paddingIndex = paddingIndex ?? -1;
        var weight = Tensors.Randn([count, dim]);
        if (paddingIndex is { } pad)
        {
            using var row = weight.Select(0, pad);
            row.Zero_();
        }
        Weight = RegisterParameter("weight", weight);
    }

    public Tensor Weight { get; }

    public override Tensor Forward(Tensor input) => Functional.Embedding(input, Weight, _paddingIndex);
}
