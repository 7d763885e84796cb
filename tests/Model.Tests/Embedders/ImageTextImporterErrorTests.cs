using System.Text.Json.Nodes;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Embedders;
using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Tests.Embedders;

/// <summary>Damaged, mismatched and unsupported model folders: each refused with a message naming the file and the field or tensor, and nothing written.</summary>
[Collection(ImageTextReferenceCollection.Name)]
public sealed class ImageTextImporterErrorTests(ImageTextReference reference) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-image-text-errors-").FullName;

    private string Output => Path.Combine(_directory, "out");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Import_ThrowsNamingTheFile_WhenWeightsAreTruncated()
    {
        var source = reference.Copy("hf_clip_gelu", _directory);
        var weights = Path.Combine(source, "model.safetensors");
        using (var stream = new FileStream(weights, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(weights, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsNamingTheFile_WhenWeightsHeaderIsCorrupt()
    {
        var source = reference.Copy("open_clip", _directory);
        var weights = Path.Combine(source, "open_clip_model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[10] = (byte)'#';
        bytes[11] = (byte)'!';
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(weights, error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsNamingTensorAndBothShapes_WhenConfigDoesNotMatchTheWeights()
    {
        var source = reference.Copy("hf_clip_quick_gelu", _directory);
        EditJson(Path.Combine(source, "config.json"), c => c["vision_config"]!["intermediate_size"] = 100);

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains("vision_model.encoder.layers.0.mlp.fc1.weight (model vision_model.encoder.layers.0.mlp.fc1.weight): expected [100, 64], found [128, 64]",
            error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Mismatches, m => m.Target == "vision_model.encoder.layers.1.mlp.fc2.weight" && m.Expected.SequenceEqual([64L, 100]) && m.Found.SequenceEqual([64L, 128]));
        Assert.Equal(6, error.Mismatches.Count); // fc1 weight and bias, fc2 weight, in each of 2 layers
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsNamingOpenClipTensor_WhenPackedAttentionDoesNotFitTheConfig()
    {
        var source = reference.Copy("open_clip", _directory);
        EditJson(Path.Combine(source, "open_clip_config.json"), c => c["model_cfg"]!["vision_cfg"]!["width"] = 32);

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(error.Mismatches, m => m.Source == "visual.transformer.resblocks.0.attn.in_proj_weight" &&
            m.Target == "vision_model.encoder.layers.0.self_attn.q_proj.weight" && m.Expected.SequenceEqual([32L, 32]) && m.Found.SequenceEqual([64L, 64]));
        Assert.Contains(error.Mismatches, m => m.Source == "visual.proj" && m.Expected.SequenceEqual([24L, 32]) && m.Found.SequenceEqual([24L, 64]));
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsListingMissingTensor_WhenWeightsLackOne()
    {
        var source = reference.Copy("hf_siglip", _directory);
        RewriteWeights(Path.Combine(source, "model.safetensors"), tensors => tensors.Remove("vision_model.head.probe", out var probe) && Dispose(probe));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Equal(["vision_model.head.probe"], error.Missing);
        Assert.Empty(error.Unexpected);
        Assert.Contains("missing from the file: vision_model.head.probe", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsListingUnexpectedTensor_WhenWeightsHoldOneWeDoNotImplement()
    {
        var source = reference.Copy("open_clip", _directory);
        RewriteWeights(Path.Combine(source, "open_clip_model.safetensors"), tensors => tensors.TryAdd("visual.transformer.resblocks.0.ls_1.gamma", Tensors.Ones([64])));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Equal(["visual.transformer.resblocks.0.ls_1.gamma"], error.Unexpected);
        Assert.Empty(error.Missing);
        Assert.Contains("fit no model tensor", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsUnknownFormat_WhenFolderHasNoConfig()
    {
        var source = reference.Copy("hf_clip_gelu", _directory);
        File.Delete(Path.Combine(source, "config.json"));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains("neither config.json", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("model_type", "\"chinese_clip\"", "model_type 'chinese_clip' is not supported")]
    [InlineData("model_type", "\"bert\"", "model_type 'bert' is not supported")]
    public void Import_ThrowsNamingTheModelType_WhenItIsNotClipOrSiglip(string field, string value, string expected)
    {
        var source = reference.Copy("hf_clip_gelu", _directory);
        EditJson(Path.Combine(source, "config.json"), c => c[field] = JsonNode.Parse(value));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(source, "config.json"), error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("text_config", "hidden_act", "\"relu\"", "text_config.hidden_act 'relu' is not supported")]
    [InlineData("vision_config", "hidden_size", "\"wide\"", "vision_config.hidden_size must be an integer")]
    [InlineData("vision_config", "num_attention_heads", "5", "vision.hidden_size 64 must be positive and divisible by vision.num_attention_heads 5")]
    [InlineData("vision_config", "patch_size", "0", "vision_config.patch_size must be positive")]
    public void Import_ThrowsNamingTheField_WhenHuggingFaceConfigIsWrong(string section, string field, string value, string expected)
    {
        var source = reference.Copy("hf_clip_gelu", _directory);
        EditJson(Path.Combine(source, "config.json"), c => c[section]![field] = JsonNode.Parse(value));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("layers", "[3, 4, 6, 3]", "ModifiedResNet")]
    [InlineData("timm_model_name", "\"convnext_base\"", "ConvNeXt")]
    [InlineData("timm_model_name", "\"vit_base_patch16_siglip_224\"", "timm image tower")]
    [InlineData("ls_init_value", "0.1", "vision_cfg.ls_init_value 0.1 is not supported")]
    [InlineData("attentional_pool", "true", "vision_cfg.attentional_pool is not supported")]
    public void Import_RefusesByName_WhenOpenClipVisionTowerIsNotAViT(string field, string value, string expected)
    {
        var source = reference.Copy("open_clip", _directory);
        EditJson(Path.Combine(source, "open_clip_config.json"), c => c["model_cfg"]!["vision_cfg"]![field] = JsonNode.Parse(value));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(source, "open_clip_config.json"), error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("hf_model_name", "\"xlm-roberta-base\"", "HuggingFace text tower")]
    [InlineData("pool_type", "\"first\"", "text_cfg.pool_type 'first' is not supported")]
    [InlineData("heads", "-1", "text_cfg.heads must be positive")]
    public void Import_RefusesByName_WhenOpenClipTextTowerIsNotSupported(string field, string value, string expected)
    {
        var source = reference.Copy("open_clip", _directory);
        EditJson(Path.Combine(source, "open_clip_config.json"), c => c["model_cfg"]!["text_cfg"]![field] = JsonNode.Parse(value));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Import_ThrowsNamingTheFiles_WhenTokenizerIsMissing()
    {
        var source = reference.Copy("open_clip", _directory);
        File.Delete(Path.Combine(source, "merges.txt"));

        var error = Assert.Throws<ImageTextImportException>(() => ImageTextImporter.Import(source, Output));

        Assert.Contains("merges.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("openai/clip-vit-base-patch32", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Import_Throws_WhenOutputFolderHoldsFiles()
    {
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "keep.txt"), "mine");

        Assert.Throws<ArgumentException>(() => ImageTextImporter.Import(reference.Folder("hf_clip_gelu"), Output));

        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(Output).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_ThrowsChecksumError_WhenWeightsChangedAfterImport()
    {
        ImageTextImporter.Import(reference.Folder("hf_clip_gelu"), Output);
        var weights = Path.Combine(Output, ImageTextCheckpoint.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x55;
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<CheckpointException>(() => ImageTextCheckpoint.Load(Output));

        Assert.Contains("does not match its checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeImages_ThrowsNamingTheSize_WhenPixelsAreAnotherSize()
    {
        ImageTextImporter.Import(reference.Folder("hf_siglip"), Output);
        using var loaded = ImageTextCheckpoint.Load(Output);
        using var scope = new DisposeScope();

        var error = Assert.Throws<ArgumentException>(() => loaded.Model.EncodeImages(Tensors.Zeros([1, 3, 48, 48])));

        Assert.Contains("resize frames to 32x32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeTexts_ThrowsNamingTheContext_WhenTextIsLonger()
    {
        ImageTextImporter.Import(reference.Folder("open_clip"), Output);
        using var loaded = ImageTextCheckpoint.Load(Output);
        using var scope = new DisposeScope();

        var error = Assert.Throws<ArgumentException>(() => loaded.Model.EncodeTexts(Tensors.Zeros([1, 17], ScalarType.Int64)));

        Assert.Contains("1 <= length <= 16", error.Message, StringComparison.Ordinal);
    }

    private static bool Dispose(Tensor tensor)
    {
        tensor.Dispose();
        return true;
    }

    private static void EditJson(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    private static void RewriteWeights(string path, Func<Dictionary<string, Tensor>, bool> edit)
    {
        var tensors = Safetensors.Load(path);
        try
        {
            Assert.True(edit(tensors));
            Safetensors.Save(path, tensors);
        }
        finally
        {
            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>No checkpoint folder and no staging folder left behind.</summary>
    private void AssertNothingWritten()
    {
        Assert.False(Directory.Exists(Output));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_directory), e => Path.GetFileName(e).StartsWith('.'));
    }
}
