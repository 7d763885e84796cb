using VideoLang.Model.Configuration;
using VideoLang.Torch;

namespace VideoLang.Model.Tests;

public sealed class ClipBertModelTests
{
    private static ClipBertConfig TinyConfig(TemporalFusion fusion = TemporalFusion.Mean) =>
        ClipBertConfig.Tiny(vocabSize: 100, fusion) with { AnswerCount = 5, TagCount = 7 };

    [Theory]
    [InlineData(TemporalFusion.Mean, 1, 16)]
    [InlineData(TemporalFusion.Ordered, 1, 32)]
    [InlineData(TemporalFusion.Mean, 2, 4)]
    [InlineData(TemporalFusion.Ordered, 2, 8)]
    public void VisualTokens_HaveAGridPerClip_OrOnePerFrameWhenOrdered(TemporalFusion fusion, int gridPool, long tokens)
    {
        // 128 px at stride 32: a 4×4 grid, or 2×2 after ClipBERT's max-pool.
        using var model = new ClipBertModel(TinyConfig(fusion) with { GridPool = gridPool });
        model.Eval();
        using var scope = new DisposeScope();
        var pixels = Tensors.Randn([3, 2, 3, 128, 128]);
        Assert.Equal([3L, tokens, 128L], model.VisualTokens(pixels).Shape);
        Assert.Equal(tokens, model.Config.GridSize * model.Config.GridSize * (fusion == TemporalFusion.Ordered ? 2 : 1));
    }

    [Fact]
    public void OrderedFusion_SeesFrameOrder_WhileMeanFusionDoesNot()
    {
        foreach (var (fusion, shouldDiffer) in new[] { (TemporalFusion.Mean, false), (TemporalFusion.Ordered, true) })
        {
            using var model = new ClipBertModel(TinyConfig(fusion));
            model.Eval();
            using var scope = new DisposeScope();
            var pixels = Tensors.Randn([1, 2, 3, 128, 128]);
            var reversed = Tensors.Cat([pixels.Narrow(1, 1, 1), pixels.Narrow(1, 0, 1)], 1);
            var ids = Tensor.FromArray([2L, 7L, 3L], [1, 3]);
            var mask = Tensors.Ones([1, 3], ScalarType.Int64);
            var a = model.CrossPooled(ids, mask, model.VisualTokens(pixels));
            var b = model.CrossPooled(ids, mask, model.VisualTokens(reversed));
            Assert.Equal(shouldDiffer, !a.AllClose(b, 1e-4, 1e-5));
        }
    }

    [Fact]
    public void Heads_GiveTheirShapes_AndGradientsReachTheCnn()
    {
        using var model = new ClipBertModel(TinyConfig());
        using var scope = new DisposeScope();
        var tokens = model.VisualTokens(Tensors.Randn([2, 2, 3, 128, 128]));
        var ids = Tensor.FromArray([2L, 7L, 3L, 0L, 2L, 9L, 9L, 3L], [2, 4]);
        var mask = ids.Ne(0).To(ScalarType.Int64);
        var pooled = model.CrossPooled(ids, mask, tokens);
        Assert.Equal([2L, 2L], model.MatchLogits(pooled).Shape);
        Assert.Equal([2L, 5L], model.AnswerLogits(pooled).Shape);
        Assert.Equal([2L, 7L], model.TagLogits(pooled).Shape);
        Assert.Equal([2L, 1L], model.ChoiceLogits(pooled).Shape);
        model.MatchLogits(pooled).Sum().Backward();
        var convGrad = model.NamedParameters().First(p => p.Name == "cnn.backbone.conv1.weight").Parameter.Grad;
        Assert.NotNull(convGrad);
        Assert.True(convGrad!.Abs().Sum().Item<float>() > 0);
    }

    [Fact]
    public void Embeddings_AreUnitLength()
    {
        using var model = new ClipBertModel(TinyConfig());
        model.Eval();
        using var scope = new DisposeScope();
        var text = model.TextEmbedding(Tensor.FromArray([2L, 7L, 3L], [1, 3]), Tensors.Ones([1, 3], ScalarType.Int64));
        var video = model.VideoEmbedding(model.VisualTokens(Tensors.Randn([2, 2, 3, 128, 128])).Unsqueeze(0));
        Assert.Equal([1L, 64L], text.Shape);
        Assert.Equal([1L, 64L], video.Shape);
        Assert.Equal(1.0, text.Norm().Item<float>(), 4);
        Assert.Equal(1.0, video.Norm().Item<float>(), 4);
    }

    [Fact]
    public void StateDict_NamesFollowTorchvisionAndHuggingFace()
    {
        using var model = new ClipBertModel(ClipBertConfig.ClipBertBase);
        var names = model.StateDict().Keys.ToHashSet();
        Assert.Contains("cnn.backbone.layer4.2.conv3.weight", names);
        Assert.Contains("cnn.backbone.layer1.0.downsample.1.running_var", names);
        Assert.Contains("cnn.grid_encoder.conv.weight", names);
        Assert.Contains("bert.encoder.layer.11.output.LayerNorm.weight", names);
        Assert.Contains("visual_embeddings.row_position_embeddings.weight", names);
        Assert.Contains("itm_head.mlp.2.bias", names);
        Assert.Equal([1536L, 768L], model.StateDict()["itm_head.mlp.0.weight"].Shape);
    }
}
