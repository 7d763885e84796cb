namespace VideoLang.Torch.NN;

/// <summary>A module with one forward signature, so modules of the same shape compose in a <see cref="Sequential"/>.</summary>
public abstract class Module<TInput, TOutput> : Module
{
    public abstract TOutput Forward(TInput input);
}
