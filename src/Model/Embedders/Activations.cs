using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Embedders;

internal static class Activations
{
    /// <summary>OpenAI's sigmoid approximation of GELU; the constant is theirs.</summary>
    private const double QuickGeluScale = 1.702;

    public static Tensor Apply(HiddenActivation activation, Tensor input)
    {
        switch (activation)
        {
            case HiddenActivation.QuickGelu:
                using (var gate = input.Mul(QuickGeluScale))
                using (var sigmoid = gate.Sigmoid())
                {
                    return input * sigmoid;
                }
            case HiddenActivation.Gelu:
                return Functional.Gelu(input);
            case HiddenActivation.GeluTanh:
                return Functional.Gelu(input, tanhApproximation: true);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }
}
