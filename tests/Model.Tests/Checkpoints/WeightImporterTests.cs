using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Text;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Tests.Checkpoints;

public sealed class WeightImporterTests : IDisposable
{
    private const string QueryWeight = "encoder.layer.1.attention.self.query.weight";

    private readonly string _directory = Directory.CreateTempSubdirectory("vl-import-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Output => Path.Combine(_directory, "imported");

    private WeightImportOptions BertOnly(string weights, string? config = null) => new()
    {
        VocabularyPath = PublishedFiles.Vocabulary(_directory, 30),
        BertWeightsPath = weights,
        BertConfigPath = config,
        BaseConfig = ClipBertConfig.Tiny(30),
    };

    [Fact]
    public void Import_StripsThePrefixRenamesGammaBetaAndIgnoresPreTrainingHeads_WhenGivenBertForPreTrainingNames()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        using var scope = new DisposeScope();
        var file = bert.StateDict().ToDictionary(kv => "bert." + kv.Key.Replace("LayerNorm.weight", "LayerNorm.gamma", StringComparison.Ordinal)
            .Replace("LayerNorm.bias", "LayerNorm.beta", StringComparison.Ordinal), kv => kv.Value);
        file["bert.embeddings.position_ids"] = Tensors.Arange(0, 16).Unsqueeze(0);
        file["cls.predictions.bias"] = Tensors.Zeros([30]);
        file["cls.seq_relationship.weight"] = Tensors.Zeros([2, 64]);

        var report = WeightImporter.Import(BertOnly(PublishedFiles.Save(_directory, "bert.safetensors", file)), Output);

        Assert.Equal(PublishedFiles.SmallBert, report.Config.Bert);
        Assert.Equal(ResNetDepth.Tiny, report.Config.Backbone);
        var source = Assert.Single(report.Sources);
        Assert.Equal(["bert.embeddings.position_ids", "cls.predictions.bias", "cls.seq_relationship.weight"], source.Ignored);
        Assert.Empty(source.Unexpected);
        Assert.Empty(source.Missing);
        Assert.Equal(bert.StateDict().Count, source.Loaded.Count);
        Assert.Contains(new TensorMapping("bert.embeddings.LayerNorm.gamma", "bert.embeddings.LayerNorm.weight"), source.Loaded);
        Assert.Contains(new TensorMapping("bert.encoder.layer.1.output.LayerNorm.beta", "bert.encoder.layer.1.output.LayerNorm.bias"), source.Loaded);
        Assert.Contains("cnn.backbone.conv1.weight", report.Fresh);
        var note = Assert.Single(report.Notes);
        Assert.Contains("num_attention_heads assumed to be hidden_size / 64 = 1", note, StringComparison.Ordinal);
        using var loaded = Checkpoint.Load(Output);
        PublishedFiles.AssertCopied(loaded.Model.StateDict(), "bert.", bert.StateDict());
    }

    [Fact]
    public void Import_ListsThePoolerAsMissingAndKeepsItFresh_WhenTheFileIsBertForMaskedLm()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        var file = bert.StateDict().Where(kv => !kv.Key.StartsWith("pooler.", StringComparison.Ordinal));

        var report = WeightImporter.Import(BertOnly(PublishedFiles.Save(_directory, "bert.safetensors", file)), Output);

        var source = Assert.Single(report.Sources);
        Assert.Equal(["bert.pooler.dense.bias", "bert.pooler.dense.weight"], source.Missing);
        Assert.Empty(source.Unexpected);
        Assert.Equal(["bert.pooler.dense.weight", "bert.pooler.dense.bias"], report.Fresh.Where(n => n.StartsWith("bert.", StringComparison.Ordinal)));
        using var loaded = Checkpoint.Load(Output);
        Assert.False(loaded.Model.StateDict()["bert.pooler.dense.weight"].AllClose(bert.StateDict()["pooler.dense.weight"]));
    }

    [Fact]
    public void Import_TakesTheShapeFromConfigJson_WhenOneIsGiven()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        var weights = PublishedFiles.Save(_directory, "bert.safetensors", bert.StateDict());
        var config = PublishedFiles.BertConfigJson(_directory, PublishedFiles.SmallBert with { NumAttentionHeads = 4 },
            "\"hidden_act\": \"gelu\", \"hidden_dropout_prob\": 0.2, \"attention_probs_dropout_prob\": 0.05, \"position_embedding_type\": \"absolute\"");

        var report = WeightImporter.Import(BertOnly(weights, config), Output);

        Assert.Equal(PublishedFiles.SmallBert with { NumAttentionHeads = 4, HiddenDropoutProb = 0.2, AttentionProbsDropoutProb = 0.05 }, report.Config.Bert);
        Assert.Empty(report.Notes);
        using var loaded = Checkpoint.Load(Output);
        Assert.Equal(4, loaded.Model.Config.Bert.NumAttentionHeads);
    }

    [Theory]
    [InlineData(ResNetDepth.ResNet18, 64)]
    [InlineData(ResNetDepth.ResNet34, 64)]
    [InlineData(ResNetDepth.ResNet50, 64)]
    [InlineData(ResNetDepth.Tiny, 8)]
    public void Import_InfersDepthAndWidth_FromTorchvisionResNetNames(ResNetDepth depth, long width)
    {
        using var net = new ResNet(depth, baseWidth: width);
        using var scope = new DisposeScope();
        var file = net.StateDict().ToDictionary();
        file["fc.weight"] = Tensors.Zeros([10, net.OutputChannels]);
        file["fc.bias"] = Tensors.Zeros([10]);
        var options = new WeightImportOptions
        {
            VocabularyPath = PublishedFiles.Vocabulary(_directory, 30),
            ResNetWeightsPath = PublishedFiles.Save(_directory, "resnet.safetensors", file),
            BaseConfig = ClipBertConfig.Tiny(30),
        };

        var report = WeightImporter.Import(options, Output);

        Assert.Equal((depth, width), (report.Config.Backbone, report.Config.BackboneWidth));
        var source = Assert.Single(report.Sources);
        Assert.Equal(["fc.bias", "fc.weight"], source.Ignored);
        Assert.Empty(source.Unexpected);
        Assert.Empty(source.Missing);
        Assert.Equal(net.StateDict().Count, source.Loaded.Count);
        using var loaded = Checkpoint.Load(Output);
        PublishedFiles.AssertCopied(loaded.Model.StateDict(), "cnn.backbone.", net.StateDict());
    }

    [Fact]
    public void Import_ThrowsNamingTensorAndBothShapes_WhenATensorHasTheWrongShape()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        using var scope = new DisposeScope();
        var file = bert.StateDict().ToDictionary();
        file[QueryWeight] = Tensors.Zeros([64, 32]);
        var weights = PublishedFiles.Save(_directory, "bert.safetensors", file);

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(BertOnly(weights), Output));

        var mismatch = Assert.Single(error.Mismatches);
        Assert.Equal((QueryWeight, "bert." + QueryWeight), (mismatch.Source, mismatch.Target));
        Assert.Equal([64L, 64], mismatch.Expected);
        Assert.Equal([64L, 32], mismatch.Found);
        Assert.Contains($"{weights}: {QueryWeight} (model bert.{QueryWeight}): expected [64, 64], found [64, 32].", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Import_ListsEveryMismatch_WhenConfigJsonDoesNotBelongToTheWeights()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        var weights = PublishedFiles.Save(_directory, "bert.safetensors", bert.StateDict());
        var config = PublishedFiles.BertConfigJson(_directory, PublishedFiles.SmallBert with { IntermediateSize = 256 });

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(BertOnly(weights, config), Output));

        Assert.Equal(
            ["encoder.layer.0.intermediate.dense.bias", "encoder.layer.0.intermediate.dense.weight", "encoder.layer.0.output.dense.weight",
             "encoder.layer.1.intermediate.dense.bias", "encoder.layer.1.intermediate.dense.weight", "encoder.layer.1.output.dense.weight"],
            error.Mismatches.Select(m => m.Source));
        Assert.Contains($"do not fit the model built from {config} and the files' shapes", error.Message, StringComparison.Ordinal);
        Assert.Contains("encoder.layer.1.output.dense.weight (model bert.encoder.layer.1.output.dense.weight): expected [64, 256], found [64, 128]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zip", null)]
    [InlineData("legacy", null)]
    [InlineData("zip", "model")]
    public void Import_ReadsPyTorchBinLikeSafetensors_WhenTorchSaveWroteTheBertStateDict(string layout, string? wrapKey)
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        using var scope = new DisposeScope();
        var file = bert.StateDict().ToDictionary(kv => "bert." + kv.Key, kv => kv.Value);
        file["bert.embeddings.position_ids"] = Tensors.Arange(0, 16).Unsqueeze(0);
        file["cls.predictions.bias"] = Tensors.Zeros([30]);
        var weights = PublishedFiles.SaveWithTorch(_directory, "pytorch_model.bin", file, layout, wrapKey);

        var report = WeightImporter.Import(BertOnly(weights), Output);

        Assert.Equal(PublishedFiles.SmallBert, report.Config.Bert);
        var source = Assert.Single(report.Sources);
        Assert.Equal(weights, source.Path);
        Assert.Equal(["bert.embeddings.position_ids", "cls.predictions.bias"], source.Ignored);
        Assert.Empty(source.Unexpected);
        Assert.Empty(source.Missing);
        Assert.Equal(bert.StateDict().Count, source.Loaded.Count);
        Assert.Equal(wrapKey is not null, report.Notes.Contains($"{weights}: tensors taken from its 'model' dict; not read: epoch"));
        using var loaded = Checkpoint.Load(Output);
        PublishedFiles.AssertCopied(loaded.Model.StateDict(), "bert.", bert.StateDict());
    }

    [Theory]
    [InlineData("truncated", "(truncated file?)")]
    [InlineData("text", ": not a safetensors or PyTorch file (it starts with bytes")]
    [InlineData("empty", ": not a safetensors or PyTorch file (it is empty)")]
    [InlineData("pickle", "the pickle names the global 'posix.system'")]
    public void Import_ThrowsNamingTheFile_WhenItIsNotAReadableWeightsFile(string kind, string reason)
    {
        var path = Path.Combine(_directory, "bert.bin");
        if (kind == "truncated")
        {
            using var bert = new BertModel(PublishedFiles.SmallBert);
            Safetensors.Save(path, bert.StateDict());
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);
        }
        else if (kind == "pickle")
        {
            // pickle.dumps of an object whose __reduce__ is (os.system, ("touch pwned",)), protocol 2.
            File.WriteAllBytes(path, [0x80, 0x02, .. "cposix\nsystem\nX\v\0\0\0touch pwned"u8, 0x85, (byte)'R', (byte)'.']);
        }
        else
        {
            File.WriteAllText(path, kind == "text" ? "this is a PyTorch pickle, honest" : "");
        }

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(BertOnly(path), Output));

        Assert.StartsWith($"{path} is not a usable file of Bert weights: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<TensorFileException>(error.InnerException);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Import_RefusesTheDepth_WhenTheResNetIsNot18Or34Or50()
    {
        using var scope = new DisposeScope();
        var file = new Dictionary<string, Tensor> { ["conv1.weight"] = Tensors.Zeros([64, 3, 7, 7]) };
        int[] blocks = [3, 4, 23, 3];
        for (var stage = 0; stage < 4; stage++)
        {
            for (var block = 0; block < blocks[stage]; block++)
            {
                file[$"layer{stage + 1}.{block}.conv3.weight"] = Tensors.Zeros([1]);
            }
        }
        var options = new WeightImportOptions
        {
            VocabularyPath = PublishedFiles.Vocabulary(_directory, 30),
            ResNetWeightsPath = PublishedFiles.Save(_directory, "resnet101.safetensors", file),
            BaseConfig = ClipBertConfig.Tiny(30),
        };

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(options, Output));

        Assert.Contains("holds a ResNet with [3, 4, 23, 3] bottleneck blocks per stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Throws_WhenNoTensorOfTheFileFitsItsPart()
    {
        using var net = new ResNet(ResNetDepth.Tiny, baseWidth: 8);
        var weights = PublishedFiles.Save(_directory, "resnet.safetensors", net.StateDict());
        var config = PublishedFiles.BertConfigJson(_directory, PublishedFiles.SmallBert);

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(BertOnly(weights, config), Output));

        Assert.Equal(
            $"None of the {net.StateDict().Count} tensors of {weights} is a Bert tensor; is it the right file? A Bert file has names such as 'embeddings.word_embeddings.weight'.",
            error.Message);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Import_RefusesAnUnsupportedActivation_WhenConfigJsonAsksForOne()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        var weights = PublishedFiles.Save(_directory, "bert.safetensors", bert.StateDict());
        var config = PublishedFiles.BertConfigJson(_directory, PublishedFiles.SmallBert, "\"hidden_act\": \"relu\"");

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(BertOnly(weights, config), Output));

        Assert.Equal($"{config}: hidden_act 'relu' is not supported; VideoLang's BERT implements hidden_act 'gelu' or 'gelu_python'.", error.Message);
    }

    [Fact]
    public void Import_Throws_WhenTheVocabularyHasMoreTokensThanTheEmbeddings()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        var options = BertOnly(PublishedFiles.Save(_directory, "bert.safetensors", bert.StateDict())) with
        {
            VocabularyPath = PublishedFiles.Vocabulary(_directory, 31),
        };

        var error = Assert.Throws<WeightImportException>(() => WeightImporter.Import(options, Output));

        Assert.Equal($"{options.VocabularyPath} has 31 tokens but BERT's word embeddings have 30 rows: the vocabulary does not belong to these weights.", error.Message);
    }

    [Fact]
    public void Import_RefusesToOverwrite_WhenTheOutputFolderHoldsFiles()
    {
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, Checkpoint.ConfigFile), "{}");
        var options = BertOnly(Path.Combine(_directory, "never-read.safetensors"));

        var error = Assert.Throws<ArgumentException>(() => WeightImporter.Import(options, Output));

        Assert.Equal("outputDirectory", error.ParamName);
        Assert.StartsWith($"{Output} already holds files; import into a new or empty folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SummarisesEachSource_AfterAnImport()
    {
        using var bert = new BertModel(PublishedFiles.SmallBert);
        using var scope = new DisposeScope();
        var file = bert.StateDict().Where(kv => !kv.Key.StartsWith("pooler.", StringComparison.Ordinal)).ToDictionary();
        file["cls.predictions.bias"] = Tensors.Zeros([30]);
        file["classifier.weight"] = Tensors.Zeros([2, 64]);
        var weights = PublishedFiles.Save(_directory, "bert.safetensors", file);

        var lines = WeightImporter.Import(BertOnly(weights), Output).ToString().Split('\n');

        Assert.Equal($"Imported into {Output}: tiny, Tiny (width 16), BERT 2 layers x 64 (1 heads, vocabulary 30)", lines[0]);
        Assert.Equal($"Bert {weights}: {bert.StateDict().Count - 2} tensors loaded", lines[1]);
        Assert.Equal("  ignored (known extras), 1: cls.predictions.bias", lines[2]);
        Assert.Equal("  unexpected (not used), 1: classifier.weight", lines[3]);
        Assert.Equal("  missing (kept fresh), 2: bert.pooler.dense.bias, bert.pooler.dense.weight", lines[4]);
        Assert.StartsWith("fresh initialisation (no source), ", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("note: ", lines[6], StringComparison.Ordinal);
    }
}
