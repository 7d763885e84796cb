using VideoLang.Model.Checkpoints;
using VideoLang.Model.Tests.Reference;
using VideoLang.Model.Text;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using Xunit.Abstractions;

namespace VideoLang.Model.Tests.Checkpoints;

/// <summary>Imports the PyTorch reference's torchvision ResNet-50 and HuggingFace-named BERT, then checks the checkpoint against them.</summary>
[Collection(ReferenceCollection.Name)]
public sealed class WeightImporterReferenceTests(PyTorchReference reference, ITestOutputHelper output) : IDisposable
{
    private static readonly BertConfig s_referenceBert = new()
    {
        VocabSize = 500, HiddenSize = 256, NumHiddenLayers = 3, NumAttentionHeads = 4, IntermediateSize = 1024, MaxPositionEmbeddings = 64,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("vl-import-reference-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Import_CopiesEveryBackboneAndBertTensorExactly_WhenGivenTorchvisionAndHuggingFaceFiles()
    {
        var resnet = reference.Load("resnet50");
        var bert = reference.Load("bert");
        try
        {
            var options = new WeightImportOptions
            {
                VocabularyPath = PublishedFiles.Vocabulary(_directory, 500),
                BertWeightsPath = PublishedFiles.Save(_directory, "bert.safetensors", bert),
                BertConfigPath = PublishedFiles.BertConfigJson(_directory, s_referenceBert),
                ResNetWeightsPath = PublishedFiles.Save(_directory, "resnet50.safetensors", resnet),
            };
            var folder = Path.Combine(_directory, "imported");

            var report = WeightImporter.Import(options, folder);
            output.WriteLine(report.ToString());

            Assert.Equal(ResNetDepth.ResNet50, report.Config.Backbone);
            Assert.Equal(64, report.Config.BackboneWidth);
            Assert.Equal(s_referenceBert, report.Config.Bert);
            Assert.Empty(report.Notes);
            var (bertReport, resnetReport) = (report.Sources[0], report.Sources[1]);
            Assert.Equal((options.BertWeightsPath, WeightSourceKind.Bert), (bertReport.Path, bertReport.Kind));
            Assert.Equal(["attention_mask", "input_ids", "pooled_output", "sequence_output", "token_type_ids"], bertReport.Unexpected);
            Assert.Empty(bertReport.Missing);
            Assert.Empty(bertReport.Ignored);
            Assert.Equal((options.ResNetWeightsPath, WeightSourceKind.ResNet), (resnetReport.Path, resnetReport.Kind));
            Assert.Equal(["input", "output"], resnetReport.Unexpected);
            Assert.Empty(resnetReport.Missing);
            Assert.Empty(resnetReport.Ignored);
            var resnetWeights = resnet.Where(kv => kv.Key is not ("input" or "output")).ToList();
            var bertWeights = bert.Where(kv => !bertReport.Unexpected.Contains(kv.Key)).ToList();
            Assert.Equal(resnetWeights.Select(kv => new TensorMapping(kv.Key, "cnn.backbone." + kv.Key)).OrderBy(m => m.Source, StringComparer.Ordinal), resnetReport.Loaded);
            Assert.Equal(bertWeights.Select(kv => new TensorMapping(kv.Key, "bert." + kv.Key)).OrderBy(m => m.Source, StringComparer.Ordinal), bertReport.Loaded);

            using var loaded = Checkpoint.Load(folder);
            Assert.Equal(report.Config, loaded.Model.Config);
            var state = loaded.Model.StateDict();
            PublishedFiles.AssertCopied(state, "cnn.backbone.", resnetWeights);
            PublishedFiles.AssertCopied(state, "bert.", bertWeights);
            Assert.Equal(state.Keys.Where(k => !k.StartsWith("bert.", StringComparison.Ordinal) && !k.StartsWith("cnn.backbone.", StringComparison.Ordinal)), report.Fresh);
            Assert.Contains("cnn.grid_encoder.conv.weight", report.Fresh);
            Assert.Contains("visual_embeddings.row_position_embeddings.weight", report.Fresh);
            Assert.Equal([256L, 2048, 3, 3], state["cnn.grid_encoder.conv.weight"].Shape);

            using var scope = new DisposeScope();
            var (_, pooled) = loaded.Model.Bert.Forward(bert["input_ids"], bert["attention_mask"], bert["token_type_ids"]);
            var (bertDifference, _) = PyTorchReference.Compare(bert["pooled_output"], pooled);
            Assert.True(bertDifference <= 1e-4, $"BERT pooled output differs from PyTorch's by {bertDifference:G3}");
            var (cnnDifference, scale) = PyTorchReference.Compare(resnet["output"], loaded.Model.Cnn.Backbone.Forward(resnet["input"]));
            Assert.True(cnnDifference <= 1e-4 * Math.Max(1, scale), $"ResNet output differs from torchvision's by {cnnDifference:G3} (outputs up to {scale:G3})");
        }
        finally
        {
            foreach (var t in resnet.Values.Concat(bert.Values))
            {
                t.Dispose();
            }
        }
    }
}
