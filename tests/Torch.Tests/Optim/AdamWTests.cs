using VideoLang.Torch.Autograd;
using VideoLang.Torch.Optim;

namespace VideoLang.Torch.Tests.Optim;

[Collection(TorchCollection.Name)]
public sealed class AdamWTests
{
    [Fact]
    public void Step_MatchesTheAdamWFormula_ComputedByHand()
    {
        const double lr = 0.1, wd = 0.01, b1 = 0.9, b2 = 0.98, eps = 1e-8;
        using var p = Tensor.FromArray([1.0, -2.0]).RequiresGrad_().DetachFromDisposeScope();
        using var adam = new AdamW([new ParameterGroup("all", [p], lr, wd)], b1, b2, eps);
        double[] value = [1.0, -2.0], m = [0, 0], v = [0, 0];
        double[][] grads = [[0.5, -1.0], [0.25, 2.0], [-1.0, 0.1]];
        for (var t = 1; t <= grads.Length; t++)
        {
            using (var scope = new DisposeScope())
            {
                p.Grad = Tensor.FromArray(grads[t - 1]);
            }
            adam.Step();
            for (var i = 0; i < 2; i++)
            {
                var g = grads[t - 1][i];
                value[i] *= 1 - (lr * wd);
                m[i] = (b1 * m[i]) + ((1 - b1) * g);
                v[i] = (b2 * v[i]) + ((1 - b2) * g * g);
                var mHat = m[i] / (1 - Math.Pow(b1, t));
                var denominator = (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, t))) + eps;
                value[i] -= lr * mHat / denominator * (1 - Math.Pow(b1, t)) / (1 - Math.Pow(b1, t));
            }
            var actual = p.ToArray<double>();
            Assert.Equal(value[0], actual[0], 12);
            Assert.Equal(value[1], actual[1], 12);
        }
        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public void Step_SkipsParametersWithoutGradient()
    {
        using var p = Tensor.FromArray([1.0]).RequiresGrad_().DetachFromDisposeScope();
        using var adam = new AdamW([p], learningRate: 1, weightDecay: 0.5);
        adam.Step();
        Assert.Equal([1.0], p.ToArray<double>());
    }

    [Fact]
    public void StateDict_RestoredIntoANewOptimizer_ContinuesExactlyAsTheOriginal()
    {
        using var a = Tensor.FromArray([0.5, 1.5]).RequiresGrad_().DetachFromDisposeScope();
        using var b = Tensor.FromArray([0.5, 1.5]).RequiresGrad_().DetachFromDisposeScope();
        using var original = new AdamW([a], learningRate: 0.1);
        void Train(Tensor p, AdamW optimizer)
        {
            using var scope = new DisposeScope();
            optimizer.ZeroGrad();
            p.Pow(2).Sum().Backward();
            optimizer.Step();
        }
        Train(a, original);
        Train(a, original);
        using var resumed = new AdamW([b], learningRate: 0.1);
        using (var scope = new DisposeScope())
        using (GradMode.NoGrad())
        {
            b.Copy_(a);
        }
        resumed.LoadStateDict(original.StateDict());
        Assert.Equal(2, resumed.StepCount);
        Train(a, original);
        Train(b, resumed);
        Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
    }

    [Fact]
    public void Constructor_Throws_WhenBetasAreOutOfRange()
    {
        using var p = Tensor.FromArray([1.0]).DetachFromDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([new ParameterGroup("g", [p], 0.1)], beta1: 1.0));
    }
}
