using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Heads;

/// <summary>Losses for the dual encoder over a batch of matching (text i, video i) pairs of normalised embeddings.</summary>
public static class ContrastiveLoss
{
    /// <summary>CLIP: symmetric cross entropy over the similarity matrix scaled by exp(logit scale).</summary>
    public static Tensor Clip(Tensor text, Tensor video, Tensor logitScale)
    {
        using var scope = new DisposeScope();
        var logits = text.Matmul(video.T()) * logitScale.Exp();
        var targets = Tensors.Arange(0, text.Size(0), device: text.Device);
        var loss = (Functional.CrossEntropy(logits, targets) + Functional.CrossEntropy(logits.T(), targets)) / 2.0;
        return scope.MoveOut(loss);
    }

    /// <summary>SigLIP: every pair is an independent binary match, sigmoid(t · sim + b); mean over pairs as in the paper (sum / batch).</summary>
    public static Tensor SigLip(Tensor text, Tensor video, Tensor logitScale, Tensor logitBias)
    {
        using var scope = new DisposeScope();
        var n = text.Size(0);
        var logits = (text.Matmul(video.T()) * logitScale.Exp()) + logitBias;
        var labels = (Tensors.Eye(n, text.Device) * 2.0) - 1.0; // +1 on the diagonal, -1 elsewhere
        var loss = Functional.LogSigmoid(labels * logits).Sum().Neg() / n;
        return scope.MoveOut(loss);
    }
}
