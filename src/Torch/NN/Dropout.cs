namespace VideoLang.Torch.NN;

/// <summary>Dropout with probability <c>p</c>, active only in training mode.</summary>
public sealed class Dropout(double p) : Module<Tensor, Tensor>
{
    public double P { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must lie in [0, 1].");

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}
