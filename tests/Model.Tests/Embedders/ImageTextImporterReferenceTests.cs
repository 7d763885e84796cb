using VideoLang.Model.Embedders;
using VideoLang.Model.Tests.Reference;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using Xunit.Abstractions;

namespace VideoLang.Model.Tests.Embedders;

/// <summary>
/// Imports each published folder the PyTorch reference wrote (HF CLIP quick_gelu and gelu, open_clip,
/// HF SigLIP), loads the checkpoint and compares image embeddings, text embeddings and logits with
/// PyTorch's on the same inputs.
/// </summary>
[Collection(ImageTextReferenceCollection.Name)]
public sealed class ImageTextImporterReferenceTests(ImageTextReference reference, ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-4;

    private readonly string _directory = Directory.CreateTempSubdirectory("vl-image-text-import-").FullName;

    public static TheoryData<string> Models => new(ImageTextReference.Models);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Models))]
    public void Import_MatchesPyTorchWithNoMissingOrUnexpectedTensor_WhenGivenPublishedFolder(string model)
    {
        var report = AssertImportMatchesPyTorch(model, reference.Folder(model));

        Assert.EndsWith(".safetensors", report.WeightsPath, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same folders with only the torch.save pickle (<c>pytorch_model.bin</c>, open_clip's
    /// <c>open_clip_pytorch_model.bin</c>), as many published models still ship: read by the restricted
    /// pickle reader, they must give PyTorch's outputs exactly as the safetensors copies do.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Import_MatchesPyTorch_WhenTheFolderHasOnlyThePyTorchPickle(string model)
    {
        var folder = reference.Copy(model, Path.Combine(_directory, "pickle-only"));
        foreach (var safetensors in Directory.EnumerateFiles(folder, "*model.safetensors"))
        {
            File.Delete(safetensors);
        }

        var report = AssertImportMatchesPyTorch(model, folder);

        Assert.EndsWith("pytorch_model.bin", report.WeightsPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SplitsPackedAttentionAndTransposesProjections_WhenGivenOpenClip()
    {
        var report = ImageTextImporter.Import(reference.Folder("open_clip"), Path.Combine(_directory, "open_clip"));

        Assert.Equal(ImageTextFormat.OpenClip, report.Format);
        Assert.Empty(report.Ignored);
        Assert.Contains(new ImportedTensor("visual.proj", "visual_projection.weight", TensorTransform.Transpose), report.Loaded);
        Assert.Contains(new ImportedTensor("text_projection", "text_projection.weight", TensorTransform.Transpose), report.Loaded);
        Assert.Equal(
            [
                new ImportedTensor("transformer.resblocks.1.attn.in_proj_weight", "text_model.encoder.layers.1.self_attn.q_proj.weight", TensorTransform.QueryPart),
                new ImportedTensor("transformer.resblocks.1.attn.in_proj_weight", "text_model.encoder.layers.1.self_attn.k_proj.weight", TensorTransform.KeyPart),
                new ImportedTensor("transformer.resblocks.1.attn.in_proj_weight", "text_model.encoder.layers.1.self_attn.v_proj.weight", TensorTransform.ValuePart),
            ],
            report.Loaded.Where(l => l.Source == "transformer.resblocks.1.attn.in_proj_weight"));
        Assert.Contains(new ImportedTensor("visual.transformer.resblocks.0.mlp.c_fc.weight", "vision_model.encoder.layers.0.mlp.fc1.weight", TensorTransform.None), report.Loaded);
        Assert.Contains(new ImportedTensor("visual.ln_pre.bias", "vision_model.pre_layrnorm.bias", TensorTransform.None), report.Loaded);
        Assert.Contains(new ImportedTensor("ln_final.weight", "text_model.final_layer_norm.weight", TensorTransform.None), report.Loaded);
    }

    [Fact]
    public void Import_IgnoresOnlyPositionIds_WhenGivenHuggingFaceFolder()
    {
        var report = ImageTextImporter.Import(reference.Folder("hf_siglip"), Path.Combine(_directory, "siglip"));

        Assert.Equal(["text_model.embeddings.position_ids", "vision_model.embeddings.position_ids"], report.Ignored);
        Assert.All(report.Loaded, l => Assert.Equal((l.Source, TensorTransform.None), (l.Target, l.Transform)));
        Assert.Equal(["spiece.model"], report.TokenizerFiles.Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(_directory, "siglip", "spiece.model")));
    }

    [Fact]
    public void Inspect_ReadsEachFamilysConfig_WhenGivenPublishedFolders()
    {
        var quick = ImageTextImporter.Inspect(reference.Folder("hf_clip_quick_gelu")).Config;
        var gelu = ImageTextImporter.Inspect(reference.Folder("hf_clip_gelu")).Config;
        var openClip = ImageTextImporter.Inspect(reference.Folder("open_clip")).Config;
        var siglip = ImageTextImporter.Inspect(reference.Folder("hf_siglip")).Config;

        Assert.Equal((ImageTextFamily.Clip, ImageTextFormat.HuggingFaceClip, HiddenActivation.QuickGelu, TextPooling.ArgMaxId, 24L),
            (quick.Family, quick.SourceFormat, quick.Vision.HiddenAct, quick.Text.Pooling, quick.EmbeddingSize));
        Assert.Equal((HiddenActivation.Gelu, TextPooling.FirstEos, 3L), (gelu.Text.HiddenAct, gelu.Text.Pooling, gelu.Text.EosTokenId));
        Assert.Equal((ImageTextFamily.Clip, ImageTextFormat.OpenClip, HiddenActivation.Gelu, TextPooling.ArgMaxId),
            (openClip.Family, openClip.SourceFormat, openClip.Vision.HiddenAct, openClip.Text.Pooling));
        Assert.Equal((64L, 4L, 256L, 16L, 0L), (openClip.Vision.HiddenSize, openClip.Vision.NumAttentionHeads, openClip.Vision.IntermediateSize,
            openClip.Text.MaxPositionEmbeddings, openClip.Text.PadTokenId));
        Assert.Equal((ImageTextFamily.Siglip, HiddenActivation.GeluTanh, TextPooling.LastToken, false, 64L, 1e-6),
            (siglip.Family, siglip.Vision.HiddenAct, siglip.Text.Pooling, siglip.Text.Causal, siglip.EmbeddingSize, siglip.Vision.LayerNormEps));
        Assert.Equal((ImageResize.Squash, "bilinear", 0.5), (siglip.Preprocessing.Resize, siglip.Preprocessing.Interpolation, siglip.Preprocessing.Mean[0]));
        Assert.Equal((ImageResize.ShortestEdgeCenterCrop, "bicubic", 32), (quick.Preprocessing.Resize, quick.Preprocessing.Interpolation, quick.Preprocessing.ImageSize));
        Assert.Equal(ImagePreprocessing.OpenAiStd, openClip.Preprocessing.Std);
    }

    [Fact]
    public void Load_RebuildsTheSameConfig_WhenGivenImportedCheckpoint()
    {
        var folder = Path.Combine(_directory, "clip");
        var report = ImageTextImporter.Import(reference.Folder("hf_clip_gelu"), folder);

        using var loaded = ImageTextCheckpoint.Load(folder);

        var json = File.ReadAllText(Path.Combine(folder, ImageTextCheckpoint.ConfigFile));
        output.WriteLine(json);
        Assert.Contains("\"kind\": \"image_text_embedder\"", json, StringComparison.Ordinal);
        Assert.Contains("\"family\": \"clip\"", json, StringComparison.Ordinal);
        Assert.Contains("\"pooling\": \"first_eos\"", json, StringComparison.Ordinal);
        Assert.Equal(["config.json", "merges.txt", "model.safetensors", "model.sha256", "vocab.json"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(ImageTextCheckpoint.IsImageTextCheckpoint(folder));
        Assert.False(ImageTextCheckpoint.IsImageTextCheckpoint(reference.Folder("hf_clip_gelu")));
        Assert.Equal(report.Config.Vision, loaded.Config.Vision);
        Assert.Equal(report.Config.Text, loaded.Config.Text);
        Assert.Equal(report.Config.Preprocessing.Mean, loaded.Config.Preprocessing.Mean);
        Assert.Equal(["vocab.json", "merges.txt"], loaded.TokenizerFiles.Select(Path.GetFileName));
        Assert.False(loaded.Model.IsTraining);
    }

    private ImageTextImportReport AssertImportMatchesPyTorch(string model, string source)
    {
        var folder = Path.Combine(_directory, "imported");

        var report = ImageTextImporter.Import(source, folder);
        output.WriteLine(report.ToString());

        Assert.True(report.IsExact);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.Empty(report.Mismatches);
        Assert.Equal(folder, report.OutputDirectory);
        using var loaded = ImageTextCheckpoint.Load(folder);
        Assert.Equal(loaded.Model.StateDict().Keys.Order(StringComparer.Ordinal), report.Loaded.Select(l => l.Target).Order(StringComparer.Ordinal));

        var expected = reference.Outputs(model);
        try
        {
            using var scope = new DisposeScope();
            using var inference = InferenceMode.Enter();
            var mask = model.StartsWith("hf_clip", StringComparison.Ordinal) ? expected["attention_mask"] : null;
            var images = loaded.Model.EncodeImages(expected["pixel_values"]);
            var texts = loaded.Model.EncodeTexts(expected["input_ids"], mask);
            AssertClose(expected["image_embeds"], images, "image embeddings");
            AssertClose(expected["text_embeds"], texts, "text embeddings");
            AssertClose(expected["logits_per_image"], loaded.Model.Logits(images, texts), "logits");
            if (model == "hf_siglip")
            {
                AssertClose(expected["text_embeds_masked"], loaded.Model.EncodeTexts(expected["input_ids"], expected["attention_mask"]), "masked text embeddings");
            }
        }
        finally
        {
            foreach (var t in expected.Values)
            {
                t.Dispose();
            }
        }
        return report;
    }

    private void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var (difference, scale) = PyTorchReference.Compare(expected, actual);
        output.WriteLine($"{what}: largest difference {difference:G3} (values up to {scale:G3})");
        Assert.True(difference <= Tolerance, $"{what} differ from PyTorch's by {difference:G3} (values up to {scale:G3})");
    }
}
