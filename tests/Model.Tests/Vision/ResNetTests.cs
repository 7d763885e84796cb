using VideoLang.Model.Tests.Reference;
using VideoLang.Model.Vision;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Vision;

[Collection(ReferenceCollection.Name)]
public sealed class ResNetTests(PyTorchReference reference)
{
    [Fact]
    public void Forward_MatchesTorchvisionResNet50_OnTheSameWeights()
    {
        using var net = new ResNet(ResNetDepth.ResNet50);
        var tensors = reference.Load("resnet50");
        try
        {
            var weights = tensors.Where(kv => kv.Key is not ("input" or "output")).ToDictionary();
            var result = net.LoadStateDict(weights);
            Assert.True(result.IsExact, result.ToString());
            net.Eval();
            using var scope = new DisposeScope();
            var (difference, scale) = PyTorchReference.Compare(tensors["output"], net.Forward(tensors["input"]));
            Assert.True(difference <= 1e-4 * Math.Max(1, scale), $"largest difference {difference:G3} (outputs up to {scale:G3})");
        }
        finally
        {
            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(ResNetDepth.ResNet18, 512, 11_176_512)]
    [InlineData(ResNetDepth.ResNet34, 512, 21_284_672)]
    [InlineData(ResNetDepth.ResNet50, 2048, 23_508_032)]
    public void Constructor_BuildsTorchvisionShapes_WithoutTheClassifier(ResNetDepth depth, long channels, long parameters)
    {
        using var net = new ResNet(depth);
        Assert.Equal(channels, net.OutputChannels);
        Assert.Equal(parameters, net.Parameters().Sum(p => p.NumberOfElements));
    }

    [Fact]
    public void Forward_HasStride32_ForTheTinyNet()
    {
        using var net = new ResNet(ResNetDepth.Tiny, baseWidth: 8);
        using var scope = new DisposeScope();
        Assert.Equal([2L, 64L, 3L, 2L], net.Forward(Tensors.Randn([2, 3, 96, 64])).Shape);
    }
}
