namespace VideoLang.Torch.Optim;

/// <summary>The shape of the decay after warm-up.</summary>
public enum LearningRateDecay
{
    Linear,
    Cosine,
}
