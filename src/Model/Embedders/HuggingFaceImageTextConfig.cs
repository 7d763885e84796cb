using System.Text.Json;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Reads HuggingFace's <c>config.json</c> of a <c>CLIPModel</c> or <c>SiglipModel</c> (and the optional
/// <c>preprocessor_config.json</c>) into an <see cref="ImageTextConfig"/>. Absent fields take the defaults
/// of transformers' <c>CLIPConfig</c> / <c>SiglipConfig</c>; settings we do not implement are refused by
/// name, since the weights would load and silently compute something else.
/// </summary>
internal static class HuggingFaceImageTextConfig
{
    /// <summary>HF's legacy CLIP configs say eos_token_id 2 and mean "the largest id"; transformers keeps that reading.</summary>
    private const long LegacyEosTokenId = 2;

    public static ImageTextFormat DetectFormat(string path)
    {
        var fields = Open(path, out var document);
        using (document)
        {
            return FormatOf(fields);
        }
    }

    public static ImageTextConfig Read(string path, string? preprocessorPath, string name)
    {
        var root = Open(path, out var document);
        using (document)
        {
            var format = FormatOf(root);
            var siglip = format == ImageTextFormat.HuggingFaceSiglip;
            var vision = Vision(root.Section("vision_config"), siglip);
            var textSection = root.Has("text_config") ? root.Section("text_config") : root.Section("text_config_dict");
            var text = Text(textSection, siglip);
            var config = new ImageTextConfig
            {
                Name = name,
                Family = siglip ? ImageTextFamily.Siglip : ImageTextFamily.Clip,
                SourceFormat = format,
                Vision = vision,
                Text = text,
                ProjectionDim = siglip ? null : root.Positive("projection_dim", 512),
                Preprocessing = Preprocessing(preprocessorPath, vision, siglip),
            };
            try
            {
                config.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ImageTextImportException($"{path}: {e.Message}", e);
            }
            return config;
        }
    }

    private static ConfigFields Open(string path, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ImageTextImportException($"{path} is not valid JSON: {e.Message}", e);
        }
        try
        {
            return new ConfigFields(path, document.RootElement);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static ImageTextFormat FormatOf(ConfigFields root)
    {
        var modelType = root.String("model_type");
        return modelType switch
        {
            "clip" => ImageTextFormat.HuggingFaceClip,
            "siglip" => ImageTextFormat.HuggingFaceSiglip,
            null => throw root.Error("model_type is missing; a HuggingFace CLIPModel config says \"clip\", a SiglipModel config \"siglip\""),
            _ => throw root.Error(
                $"model_type '{modelType}' is not supported: VideoLang imports HuggingFace CLIPModel (\"clip\") and SiglipModel (\"siglip\") " +
                "folders and open_clip folders (open_clip_config.json)"),
        };
    }

    private static VisionTowerConfig Vision(ConfigFields section, bool siglip)
    {
        if (siglip && !section.Bool("vision_use_head", true))
        {
            throw section.Error($"{section.Prefix}vision_use_head false is not supported: without its attention-pooling head SigLIP has no image embedding");
        }
        return new VisionTowerConfig
        {
            HiddenSize = section.Positive("hidden_size", 768),
            IntermediateSize = section.Positive("intermediate_size", 3072),
            NumHiddenLayers = checked((int)section.Positive("num_hidden_layers", 12)),
            NumAttentionHeads = section.Positive("num_attention_heads", 12),
            NumChannels = section.Positive("num_channels", 3),
            ImageSize = section.Positive("image_size", 224),
            PatchSize = section.Positive("patch_size", siglip ? 16 : 32),
            HiddenAct = Activation(section, siglip),
            LayerNormEps = section.Number("layer_norm_eps", siglip ? 1e-6 : 1e-5),
        };
    }

    private static TextTowerConfig Text(ConfigFields section, bool siglip)
    {
        var hidden = section.Positive("hidden_size", siglip ? 768 : 512);
        var eos = section.Int("eos_token_id", 49407);
        return new TextTowerConfig
        {
            VocabSize = section.Positive("vocab_size", siglip ? 32000 : 49408),
            HiddenSize = hidden,
            IntermediateSize = section.Positive("intermediate_size", siglip ? 3072 : 2048),
            NumHiddenLayers = checked((int)section.Positive("num_hidden_layers", 12)),
            NumAttentionHeads = section.Positive("num_attention_heads", siglip ? 12 : 8),
            MaxPositionEmbeddings = section.Positive("max_position_embeddings", siglip ? 64 : 77),
            HiddenAct = Activation(section, siglip),
            LayerNormEps = section.Number("layer_norm_eps", siglip ? 1e-6 : 1e-5),
            Causal = !siglip,
            Pooling = siglip ? TextPooling.LastToken : eos == LegacyEosTokenId ? TextPooling.ArgMaxId : TextPooling.FirstEos,
            EosTokenId = eos,
            PadTokenId = section.Int("pad_token_id", 1),
            PadToContext = siglip,
            HeadSize = siglip ? section.Positive("projection_size", hidden) : null,
        };
    }

    private static HiddenActivation Activation(ConfigFields section, bool siglip)
    {
        var name = section.String("hidden_act") ?? (siglip ? "gelu_pytorch_tanh" : "quick_gelu");
        return name switch
        {
            "quick_gelu" => HiddenActivation.QuickGelu,
            "gelu" or "gelu_python" => HiddenActivation.Gelu,
            "gelu_pytorch_tanh" or "gelu_new" or "gelu_fast" => HiddenActivation.GeluTanh,
            _ => throw section.Error(
                $"{section.Prefix}hidden_act '{name}' is not supported; VideoLang implements quick_gelu, gelu and gelu_pytorch_tanh"),
        };
    }

    private static ImagePreprocessing Preprocessing(string? path, VisionTowerConfig vision, bool siglip)
    {
        var channels = (int)vision.NumChannels;
        var defaults = new ImagePreprocessing
        {
            ImageSize = (int)vision.ImageSize,
            Mean = siglip ? [0.5, 0.5, 0.5] : ImagePreprocessing.OpenAiMean,
            Std = siglip ? [0.5, 0.5, 0.5] : ImagePreprocessing.OpenAiStd,
            Resize = siglip ? ImageResize.Squash : ImageResize.ShortestEdgeCenterCrop,
            Interpolation = siglip ? "bilinear" : "bicubic",
        };
        if (path is null)
        {
            return defaults;
        }
        var root = Open(path, out var document);
        using (document)
        {
            // PIL's resampling codes, as the image processors store them.
            var interpolation = root.Int("resample", siglip ? 2 : 3) switch
            {
                2 => "bilinear",
                3 => "bicubic",
                var other => throw root.Error($"resample {other} is not supported; VideoLang resizes bilinear (2) or bicubic (3)"),
            };
            return defaults with
            {
                Mean = root.Numbers("image_mean", channels) ?? defaults.Mean,
                Std = root.Numbers("image_std", channels) ?? defaults.Std,
                Interpolation = interpolation,
            };
        }
    }
}
