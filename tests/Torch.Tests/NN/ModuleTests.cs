using VideoLang.Torch.Autograd;
using VideoLang.Torch.NN;

namespace VideoLang.Torch.Tests.NN;

[Collection(TorchCollection.Name)]
public sealed class ModuleTests
{
    private sealed class Block : Module<Tensor, Tensor>
    {
        public Block()
        {
            Conv = RegisterModule("conv1", new Conv2d(3, 4, 3, padding: 1, bias: false));
            Bn = RegisterModule("bn1", new BatchNorm2d(4));
            Head = RegisterModule("fc", new Sequential(new Linear(4, 8), new Dropout(0.5), new Linear(8, 2)));
        }

        public Conv2d Conv { get; }

        public BatchNorm2d Bn { get; }

        public Sequential Head { get; }

        public override Tensor Forward(Tensor input)
        {
            var x = Bn.Forward(Conv.Forward(input)).Relu();
            return Head.Forward(Functional.AdaptiveAvgPool2d(x, 1, 1).Flatten(1));
        }
    }

    [Fact]
    public void StateDict_UsesTorchvisionStyleDottedNames()
    {
        using var block = new Block();
        Assert.Equal(
            ["conv1.weight", "bn1.weight", "bn1.bias", "fc.0.weight", "fc.0.bias", "fc.2.weight", "fc.2.bias",
             "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked"],
            block.StateDict().Keys);
        Assert.Equal(7, block.Parameters().Count());
    }

    [Fact]
    public void LoadStateDict_CopiesValues_AndReportsMissingAndUnexpectedKeys()
    {
        using var source = new Block();
        using var target = new Block();
        using var scope = new DisposeScope();
        Assert.True(target.LoadStateDict(source.StateDict()).IsExact);
        Assert.True(target.Conv.Weight.AllClose(source.Conv.Weight, 0, 0));

        var partial = source.StateDict().Where(kv => kv.Key != "fc.2.bias").ToDictionary(kv => kv.Key, kv => kv.Value);
        partial["fc.9.weight"] = Tensors.Zeros([1]);
        var e = Assert.Throws<InvalidOperationException>(() => target.LoadStateDict(partial));
        Assert.Contains("missing [fc.2.bias]", e.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected [fc.9.weight]", e.Message, StringComparison.Ordinal);
        var result = target.LoadStateDict(partial, strict: false);
        Assert.Equal(["fc.2.bias"], result.MissingKeys);
        Assert.Equal(["fc.9.weight"], result.UnexpectedKeys);
    }

    [Fact]
    public void LoadStateDict_Throws_WhenAShapeDiffers()
    {
        using var linear = new Linear(3, 2);
        using var scope = new DisposeScope();
        var state = new Dictionary<string, Tensor> { ["weight"] = Tensors.Zeros([2, 4]), ["bias"] = Tensors.Zeros([2]) };
        var e = Assert.Throws<InvalidOperationException>(() => linear.LoadStateDict(state));
        Assert.Contains("weight: expected [2, 3], got [2, 4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainAndEval_ReachEveryChild_AndChangeDropoutAndBatchNorm()
    {
        using var block = new Block();
        using var scope = new DisposeScope();
        block.Eval();
        Assert.False(block.Head[1].IsTraining);
        var x = Tensors.Randn([2, 3, 5, 5]);
        Assert.True(block.Forward(x).AllClose(block.Forward(x)), "eval mode must be deterministic");
        Assert.Equal(0L, block.Bn.NumBatchesTracked.Item<long>());
        block.Train();
        block.Forward(x);
        Assert.Equal(1L, block.Bn.NumBatchesTracked.Item<long>());
        Assert.False(block.Bn.RunningMean.AllClose(Tensors.Zeros([4])), "training updates the running mean");
    }

    [Fact]
    public void FrozenBatchNorm_KeepsRunningStatistics_AndLearnsNothing()
    {
        using var bn = new BatchNorm2d(2, frozen: true);
        using var scope = new DisposeScope();
        var output = bn.Forward(Tensors.Randn([4, 2, 3, 3]).Mul(5).Add(3));
        Assert.True(bn.RunningMean.AllClose(Tensors.Zeros([2]), 0, 0));
        Assert.False(bn.Weight.RequiresGrad);
        Assert.Equal([4L, 2L, 3L, 3L], output.Shape);
    }

    [Fact]
    public void To_ConvertsParametersInPlace_KeepingTheirIdentity()
    {
        using var linear = new Linear(3, 2);
        var weight = linear.Weight;
        linear.To(Device.Cpu, ScalarType.Float64);
        Assert.Same(weight, linear.Weight);
        Assert.Equal(ScalarType.Float64, linear.Weight.Dtype);
        Assert.True(linear.Weight.RequiresGrad);
        using var scope = new DisposeScope();
        Assert.Equal(ScalarType.Float64, linear.Forward(Tensors.Ones([1, 3], ScalarType.Float64)).Dtype);
    }

    [Fact]
    public void Embedding_ZeroesThePaddingRow()
    {
        using var embedding = new Embedding(5, 3, paddingIndex: 0);
        using var scope = new DisposeScope();
        using var noGrad = GradMode.NoGrad();
        Assert.Equal([0f, 0f, 0f], embedding.Forward(Tensor.FromArray([0L])).ToArray<float>());
    }
}
