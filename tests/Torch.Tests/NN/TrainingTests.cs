using VideoLang.Torch.NN;
using VideoLang.Torch.Optim;

namespace VideoLang.Torch.Tests.NN;

/// <summary>Small networks trained end to end with AdamW: the loss must fall as expected.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingTests
{
    [Fact]
    public void TwoLayerMlp_LearnsXor()
    {
        TorchRuntime.ManualSeed(3);
        using var mlp = new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 1));
        using var optimizer = new AdamW(mlp.Parameters(), learningRate: 0.05, weightDecay: 0);
        using var data = new DisposeScope();
        var x = Tensor.FromArray([0f, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
        var y = Tensor.FromArray([0f, 1, 1, 0], [4, 1]);
        var first = 0.0;
        var last = 0.0;
        for (var step = 0; step < 300; step++)
        {
            using var scope = new DisposeScope();
            optimizer.ZeroGrad();
            var loss = Functional.BinaryCrossEntropyWithLogits(mlp.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            last = loss.Item<float>();
            if (step == 0)
            {
                first = last;
            }
        }
        Assert.True(first > 0.6, $"initial loss {first} should be near ln 2");
        Assert.True(last < 0.05, $"XOR loss after 300 steps is {last}");
        using var predictions = mlp.Forward(x).Gt(0);
        Assert.Equal([false, true, true, false], predictions.ToArray<bool>());
    }

    [Fact]
    public void ConvBatchNormNet_LearnsToTellBrightFromDarkStripes()
    {
        TorchRuntime.ManualSeed(4);
        using var net = new Sequential(new Conv2d(1, 8, 3, padding: 1), new BatchNorm2d(8), new ReLU(), new GlobalPool(), new Linear(8, 2));
        using var optimizer = new AdamW(net.Parameters(), learningRate: 0.02);
        var losses = new List<double>();
        for (var step = 0; step < 150; step++)
        {
            using var scope = new DisposeScope();
            var labels = Tensors.RandInt(0, 2, [16]);
            // Class 1 images have a vertical stripe; class 0 a horizontal one.
            var images = Tensors.Randn([16, 1, 8, 8]).Mul(0.3);
            var vertical = Tensors.Zeros([1, 1, 8, 8]);
            vertical.Narrow(3, 3, 2).Fill_(1);
            var horizontal = vertical.Transpose(2, 3);
            var isVertical = labels.View(16, 1, 1, 1).Eq(1);
            images = images + Tensors.Where(isVertical, vertical.Expand(16, 1, 8, 8), horizontal.Expand(16, 1, 8, 8));
            optimizer.ZeroGrad();
            var loss = Functional.CrossEntropy(net.Forward(images), labels);
            loss.Backward();
            GradientClipping.ClipGradNorm(net.Parameters(), 5);
            optimizer.Step();
            losses.Add(loss.Item<float>());
        }
        Assert.True(losses.Take(5).Average() > 0.5, $"early loss {losses.Take(5).Average()}");
        Assert.True(losses.TakeLast(5).Average() < 0.1, $"late loss {losses.TakeLast(5).Average()}");
    }

    private sealed class Tanh : Module<Tensor, Tensor>
    {
        public override Tensor Forward(Tensor input) => input.Tanh();
    }

    private sealed class GlobalPool : Module<Tensor, Tensor>
    {
        public override Tensor Forward(Tensor input) => input.Mean([2, 3]);
    }
}
