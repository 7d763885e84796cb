namespace VideoLang.Model.Embedders;

/// <summary>The MLP activation of a tower, as HuggingFace's <c>hidden_act</c> names it.</summary>
public enum HiddenActivation
{
    /// <summary><c>quick_gelu</c>: x·sigmoid(1.702x), OpenAI's CLIP.</summary>
    QuickGelu,

    /// <summary><c>gelu</c>: exact (erf) GELU, open_clip's default.</summary>
    Gelu,

    /// <summary><c>gelu_pytorch_tanh</c> (or <c>gelu_new</c>): the tanh approximation, SigLIP.</summary>
    GeluTanh,
}
