namespace VideoLang.Torch.NN;

/// <summary>
/// Batch normalisation over channels with torchvision's names (<c>weight</c>, <c>bias</c>,
/// <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>). A frozen one always uses the
/// running statistics and learns nothing, as ClipBERT's frozen-BN ResNet (small video batches make
/// batch statistics noisy).
/// </summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    private readonly double _eps;
    private readonly double _momentum;

    public BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1, bool frozen = false)
    {
        (_eps, _momentum, IsFrozen) = (eps, momentum, frozen);
        Weight = RegisterParameter("weight", Tensors.Ones([features]), requiresGrad: !frozen);
        Bias = RegisterParameter("bias", Tensors.Zeros([features]), requiresGrad: !frozen);
        RunningMean = RegisterBuffer("running_mean", Tensors.Zeros([features]));
        RunningVar = RegisterBuffer("running_var", Tensors.Ones([features]));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensors.Zeros([], ScalarType.Int64));
    }

    public bool IsFrozen { get; }

    public Tensor Weight { get; }

    public Tensor Bias { get; }

    public Tensor RunningMean { get; }

    public Tensor RunningVar { get; }

    public Tensor NumBatchesTracked { get; }

    public override Tensor Forward(Tensor input)
    {
        var training = IsTraining && !IsFrozen;
        if (training)
        {
            using var one = Tensors.Ones([], ScalarType.Int64);
            NumBatchesTracked.Add_(one);
        }
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, training, _momentum, _eps);
    }
}
