namespace VideoLang.Torch.NN;

/// <summary>max(0, x) as a module, for <see cref="Sequential"/> stacks (it has no parameters).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input.Relu();
}
