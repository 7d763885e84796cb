namespace VideoLang.Torch.NN;

/// <summary>How a loss reduces over the batch, numbered as <c>at::Reduction</c>.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
