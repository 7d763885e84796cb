using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Tests.Reference;
using VideoLang.Model.Text;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using Xunit.Abstractions;

namespace VideoLang.Model.Tests.Checkpoints;

/// <summary>
/// Imports the replica of ClipBERT's released files that clipbert_release.py writes (ClipBERT's names,
/// detectron2's ResNet semantics, float16 as the release) and checks our model's outputs against the
/// replica's on the same pixels and text.
/// </summary>
public sealed class ClipBertReleaseImporterTests(ClipBertReleaseReplica replica, ITestOutputHelper output) : IClassFixture<ClipBertReleaseReplica>, IDisposable
{
    private const double Tolerance = 1e-4;

    private static readonly BertConfig s_replicaBert = new()
    {
        VocabSize = 100, HiddenSize = 128, NumHiddenLayers = 2, NumAttentionHeads = 2, IntermediateSize = 256, MaxPositionEmbeddings = 64,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("vl-clipbert-import-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Path.Combine(_directory, "imported");

    private string Vocabulary => PublishedFiles.Vocabulary(_directory, 100);

    [Fact]
    public void Import_ReproducesClipBertsGridTokensAndItm_WhenGivenTheReleaseAsSafetensors()
    {
        AssertImportMatchesReplica("clipbert_image_text_pretrained.safetensors");
    }

    /// <summary>The release as ClipBERT ships it: torch.save's zip format, read by the restricted pickle reader.</summary>
    [Fact]
    public void Import_ReproducesClipBertsGridTokensAndItm_WhenGivenTheReleaseAsTorchSaveZip()
    {
        AssertImportMatchesReplica("clipbert_image_text_pretrained.pt");
    }

    /// <summary>The same saved with <c>_use_new_zipfile_serialization=False</c> (PyTorch before 1.6 wrote only this).</summary>
    [Fact]
    public void Import_ReproducesClipBertsGridTokensAndItm_WhenGivenTheReleaseAsLegacyTorchSave()
    {
        AssertImportMatchesReplica("clipbert_image_text_pretrained_legacy.pt");
    }

    [Fact]
    public void Import_MapsEveryTensorAndKeepsOnlyTheHeadsClipBertHasNotFresh_WhenGivenTheRelease()
    {
        var report = ClipBertReleaseImporter.Import(replica.File("clipbert_image_text_pretrained.safetensors"), Vocabulary, Output);

        var names = SourceNames("clipbert_image_text_pretrained.safetensors");
        Assert.Equal(ClipBertReleaseLayout.EndToEnd, report.Layout);
        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(
            names.Where(n => n.StartsWith("cnn.feature.proposal_generator.", StringComparison.Ordinal) || n.StartsWith("cnn.feature.roi_heads.", StringComparison.Ordinal)
                || n is "cnn.feature.pixel_mean" or "cnn.feature.pixel_std" or "transformer.bert.visual_embeddings.position_embeddings.weight"
                || n.StartsWith("transformer.cls.predictions.", StringComparison.Ordinal)),
            report.Ignored.Select(i => i.Source));
        var accounted = report.Loaded.Select(m => m.Source).Concat(report.Derived.SelectMany(d => d.Sources)).Concat(report.Ignored.Select(i => i.Source));
        Assert.Equal(names, accounted.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["choice_head.mlp.0.bias", "choice_head.mlp.0.weight", "choice_head.mlp.2.bias", "choice_head.mlp.2.weight", "logit_bias", "logit_scale",
                "text_projection.weight", "video_projection.weight"],
            report.Fresh);
        Assert.Contains(new TensorMapping("cnn.feature.backbone.res3.0.shortcut.norm.running_var", "cnn.backbone.layer2.0.downsample.1.running_var"), report.Loaded);
        Assert.Contains(new TensorMapping("cnn.feature.backbone.res5.2.conv3.norm.weight", "cnn.backbone.layer4.2.bn3.weight"), report.Loaded);
        Assert.Contains(new TensorMapping("cnn.grid_encoder.0.weight", "cnn.grid_encoder.conv.weight"), report.Loaded);
        Assert.Contains(new TensorMapping("transformer.bert.visual_embeddings.row_position_embeddings.weight", "visual_embeddings.row_position_embeddings.weight"), report.Loaded);
        Assert.Contains(new TensorMapping("transformer.bert.encoder.layer.1.output.LayerNorm.bias", "bert.encoder.layer.1.output.LayerNorm.bias"), report.Loaded);
        Assert.Equal(["cnn.feature.backbone.stem.conv1.weight"], report.Derived.Single(d => d.Target == "cnn.backbone.conv1.weight").Sources);
        Assert.Equal(4, report.Derived.Count(d => d.Target.StartsWith("itm_head.", StringComparison.Ordinal)));
        Assert.Contains(report.Derived, d => d.Target == "cnn.grid_encoder.conv.bias");
        Assert.Contains(report.Notes, n => n.Contains("stored as Float16", StringComparison.Ordinal));

        var config = report.Config;
        Assert.Equal((ResNetDepth.ResNet50, 8L, true, true), (config.Backbone, config.BackboneWidth, config.StrideInOneByOne, config.FrozenBatchNorm));
        Assert.Equal((100L, 2, TemporalFusion.Mean), (config.MaxGridSize, config.GridPool, config.TemporalFusion));
        Assert.Equal(s_replicaBert, config.Bert);

        using var loaded = Checkpoint.Load(Output);
        Assert.Equal(config, loaded.Model.Config);
        var state = loaded.Model.StateDict();
        var source = replica.Load("clipbert_image_text_pretrained.safetensors");
        try
        {
            foreach (var mapping in report.Loaded)
            {
                using var expected = source[mapping.Source].To(ScalarType.Float32);
                Assert.True(state[mapping.Target].AllClose(expected, 0, 0), $"{mapping.Target} differs from {mapping.Source}");
            }
        }
        finally
        {
            DisposeAll(source);
        }
        output.WriteLine(report.ToString());
    }

    [Fact]
    public void Import_ReproducesDetectronsRes5_WhenGivenGridFeatR50Alone()
    {
        var report = ClipBertReleaseImporter.Import(replica.File("grid_feat_R-50.safetensors"), Vocabulary, Output, ClipBertConfig.Tiny(100));
        output.WriteLine(report.ToString());

        Assert.Equal(ClipBertReleaseLayout.GridFeatures, report.Layout);
        Assert.True(report.IsComplete, report.ToString());
        Assert.All(report.Loaded, m => Assert.StartsWith("cnn.backbone.", m.Target, StringComparison.Ordinal));
        Assert.All(report.Ignored, i => Assert.Matches("^(proposal_generator\\.|roi_heads\\.|pixel_mean$|pixel_std$)", i.Source));
        Assert.Contains("bert.pooler.dense.weight", report.Fresh);
        Assert.Contains("cnn.grid_encoder.conv.weight", report.Fresh);
        Assert.Equal((ResNetDepth.ResNet50, 8L, true), (report.Config.Backbone, report.Config.BackboneWidth, report.Config.StrideInOneByOne));
        Assert.Equal(ClipBertConfig.Tiny(100).Bert, report.Config.Bert);

        using var loaded = Checkpoint.Load(Output);
        var reference = replica.Load("reference.safetensors");
        try
        {
            using var scope = new DisposeScope();
            var pixels = FramePreprocessor.Normalize(reference["pixels"]).Flatten(0, 1);
            AssertClose("res5", reference["grid_feat_res5"], loaded.Model.Cnn.Backbone.Forward(pixels));
        }
        finally
        {
            DisposeAll(reference);
        }
    }

    [Fact]
    public void Forward_DiffersFromClipBerts_WhenTheStrideSitsOnTheThreeByThree()
    {
        ClipBertReleaseImporter.Import(replica.File("grid_feat_R-50.safetensors"), Vocabulary, Output, ClipBertConfig.Tiny(100));
        using var imported = Checkpoint.Load(Output);
        using var torchvision = new ClipBertModel(imported.Model.Config with { StrideInOneByOne = false });
        Assert.True(torchvision.LoadStateDict(imported.Model.StateDict()).IsExact);
        torchvision.Eval();
        var reference = replica.Load("reference.safetensors");
        try
        {
            using var scope = new DisposeScope();
            var pixels = FramePreprocessor.Normalize(reference["pixels"]).Flatten(0, 1);
            var (difference, _) = PyTorchReference.Compare(reference["grid_feat_res5"], torchvision.Cnn.Backbone.Forward(pixels));
            Assert.True(difference > 100 * Tolerance, $"torchvision's stride placement gave detectron2's features to {difference:G3}: the test cannot tell them apart");
        }
        finally
        {
            DisposeAll(reference);
        }
    }

    [Fact]
    public void Import_StripsTheWrapper_WhenTheReaderNestsNamesUnderModel()
    {
        var tensors = replica.Load("grid_feat_R-50.safetensors");
        try
        {
            var nested = tensors.ToDictionary(kv => "model." + kv.Key, kv => kv.Value);
            nested["iteration"] = Tensor.FromArray(new long[] { 89999 });
            var path = PublishedFiles.Save(_directory, "nested.safetensors", nested);

            var report = ClipBertReleaseImporter.Import(path, Vocabulary, Output, ClipBertConfig.Tiny(100));

            Assert.Equal(["iteration"], report.Unexpected);
            Assert.Empty(report.Missing);
            Assert.Contains(new TensorMapping("model.backbone.res2.0.conv1.norm.bias", "cnn.backbone.layer1.0.bn1.bias"), report.Loaded);
            nested["iteration"].Dispose();
        }
        finally
        {
            DisposeAll(tensors);
        }
    }

    [Fact]
    public void Import_ThrowsNamingTheTensorAndWritesNothing_WhenAShapeDoesNotFit()
    {
        var tensors = replica.Load("clipbert_image_text_pretrained.safetensors");
        try
        {
            const string name = "transformer.bert.encoder.layer.1.attention.self.query.weight";
            tensors[name].Dispose();
            tensors[name] = Tensors.Zeros([128, 127], ScalarType.Float16);
            var path = PublishedFiles.Save(_directory, "edited.safetensors", tensors);

            var error = Assert.Throws<WeightImportException>(() => ClipBertReleaseImporter.Import(path, Vocabulary, Output));

            var mismatch = Assert.Single(error.Mismatches);
            Assert.Equal((name, "bert.encoder.layer.1.attention.self.query.weight"), (mismatch.Source, mismatch.Target));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("expected [128, 128], found [128, 127]", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Output));
        }
        finally
        {
            DisposeAll(tensors);
        }
    }

    [Fact]
    public void Import_ThrowsSayingWhatItExpected_WhenTheFileIsATorchvisionResNet()
    {
        using var resnet = new ResNet(ResNetDepth.Tiny, baseWidth: 4);
        var path = PublishedFiles.Save(_directory, "resnet.safetensors", resnet.StateDict());

        var error = Assert.Throws<WeightImportException>(() => ClipBertReleaseImporter.Import(path, Vocabulary, Output));

        Assert.Contains($"{path} is not one of ClipBERT's released files", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cnn.feature.backbone.stem.conv1.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bn1.bias'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Import_ThrowsNamingTheFile_WhenItHoldsNoTensors()
    {
        var path = Path.Combine(_directory, "notes.pt");
        File.WriteAllText(path, "not a checkpoint");

        var error = Assert.Throws<WeightImportException>(() => ClipBertReleaseImporter.Import(path, Vocabulary, Output));

        Assert.StartsWith($"{path} could not be read as a file of tensors", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    /// <summary>
    /// Imports one of the replica's copies of clipbert_image_text_pretrained.pt and compares ClipBERT's grid
    /// features, visual tokens, joint sequence, pooled [CLS] and ITM scores. The replica writes the same
    /// tensors as safetensors and as PyTorch files (clipbert_image_text_pretrained.pt and _legacy.pt, zip
    /// and legacy torch.save); each has a test that calls this with its name.
    /// </summary>
    private void AssertImportMatchesReplica(string fileName)
    {
        var report = ClipBertReleaseImporter.Import(replica.File(fileName), Vocabulary, Output);
        Assert.True(report.IsComplete, report.ToString());
        using var loaded = Checkpoint.Load(Output);
        var model = loaded.Model;
        var reference = replica.Load("reference.safetensors");
        try
        {
            using var scope = new DisposeScope();
            var pixels = FramePreprocessor.Normalize(reference["pixels"]);
            var (clips, frames) = (pixels.Size(0), pixels.Size(1));
            var grids = model.Cnn.Forward(pixels.Flatten(0, 1));
            var grid = grids.View(clips, frames, grids.Size(1), grids.Size(2), grids.Size(3)).Permute(0, 1, 3, 4, 2);
            AssertClose("grid features", reference["grid"], grid);
            var tokens = model.VisualTokens(pixels);
            AssertClose("visual tokens", reference["visual_tokens"], tokens);
            var (ids, mask) = (reference["input_ids"], reference["attention_mask"]);
            AssertClose("joint sequence", reference["sequence_output"], model.CrossEncode(ids, mask, tokens));
            var pooled = model.CrossPooled(ids, mask, tokens);
            AssertClose("pooled [CLS]", reference["pooled_output"], pooled);
            AssertClose("ITM scores", reference["itm_scores"], model.MatchLogits(pooled));
        }
        finally
        {
            DisposeAll(reference);
        }
    }

    private void AssertClose(string what, Tensor expected, Tensor actual)
    {
        var (difference, scale) = PyTorchReference.Compare(expected, actual);
        output.WriteLine($"{what}: largest difference {difference:G3} (values up to {scale:G3})");
        Assert.True(difference <= Tolerance, $"{what} differ from the ClipBERT replica's by {difference:G3} (values up to {scale:G3})");
    }

    private List<string> SourceNames(string fileName)
    {
        var tensors = replica.Load(fileName);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        DisposeAll(tensors);
        return names;
    }

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
