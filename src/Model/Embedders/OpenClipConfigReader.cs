using System.Text.Json;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Reads open_clip's <c>open_clip_config.json</c> (<c>model_cfg</c> and <c>preprocess_cfg</c>) into an
/// <see cref="ImageTextConfig"/> for the same modules HF CLIP loads into. Defaults are those of open_clip's
/// <c>CLIPVisionCfg</c> / <c>CLIPTextCfg</c>. Only the plain ViT + causal text transformer is
/// implemented: ModifiedResNet and timm (ConvNeXt, ...) image towers, HF text towers and the options that
/// add tensors or change the computation are refused by name.
/// </summary>
internal static class OpenClipConfigReader
{
    private static readonly string[] s_unsupportedVisionFlags =
        ["attentional_pool", "no_ln_pre", "final_ln_after_pool", "output_tokens", "input_patchnorm", "qk_norm", "scaled_cosine_attn",
         "scale_heads", "scale_attn_inner", "scale_attn", "scale_fc"];

    private static readonly string[] s_unsupportedTextFlags =
        ["embed_cls", "no_causal_mask", "final_ln_after_pool", "proj_bias", "output_tokens", "variable_text", "qk_norm", "scaled_cosine_attn",
         "scale_heads", "scale_attn_inner", "scale_attn", "scale_fc"];

    public static ImageTextConfig Read(string path, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ImageTextImportException($"{path} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = new ConfigFields(path, document.RootElement);
            var model = root.Section("model_cfg");
            foreach (var option in new[] { "custom_text", "init_logit_bias", "nonscalar_logit_scale" })
            {
                if (model.Has(option) && !(model.Raw(option).ValueKind == JsonValueKind.False))
                {
                    throw model.Error($"model_cfg.{option} is not supported: VideoLang loads open_clip's plain CLIP (ViT image tower, its own text transformer)");
                }
            }
            var quickGelu = model.Bool("quick_gelu", false) ? HiddenActivation.QuickGelu : HiddenActivation.Gelu;
            var vision = Vision(model.Section("vision_cfg"), quickGelu);
            var text = Text(model.Section("text_cfg"), quickGelu);
            var config = new ImageTextConfig
            {
                Name = name,
                Family = ImageTextFamily.Clip,
                SourceFormat = ImageTextFormat.OpenClip,
                Vision = vision,
                Text = text,
                ProjectionDim = model.Int("embed_dim"),
                Preprocessing = Preprocessing(root.OptionalSection("preprocess_cfg"), vision),
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

    private static VisionTowerConfig Vision(ConfigFields cfg, HiddenActivation activation)
    {
        if (cfg.String("timm_model_name") is { } timm)
        {
            var kind = timm.Contains("convnext", StringComparison.OrdinalIgnoreCase) ? "a ConvNeXt image tower" : "a timm image tower";
            throw cfg.Error($"model_cfg.vision_cfg.timm_model_name '{timm}' is {kind}, which VideoLang does not implement; it loads ViT image towers");
        }
        if (cfg.Has("layers") && cfg.Raw("layers").ValueKind == JsonValueKind.Array)
        {
            throw cfg.Error(
                $"model_cfg.vision_cfg.layers {cfg.Raw("layers").GetRawText()} makes open_clip's ModifiedResNet image tower (the RN50 family), " +
                "which VideoLang does not implement; it loads ViT image towers");
        }
        RefuseFlags(cfg, s_unsupportedVisionFlags);
        RefuseNonNull(cfg, "ls_init_value", "act_kwargs", "norm_kwargs", "block_type");
        if (cfg.String("pool_type") is { } pool && pool != "tok")
        {
            throw cfg.Error($"model_cfg.vision_cfg.pool_type '{pool}' is not supported; VideoLang pools the class token ('tok')");
        }
        if (cfg.String("pos_embed_type") is { } positions && positions != "learnable")
        {
            throw cfg.Error($"model_cfg.vision_cfg.pos_embed_type '{positions}' is not supported; VideoLang implements 'learnable'");
        }
        var width = cfg.Positive("width", 768);
        var headWidth = cfg.Positive("head_width", 64);
        if (width % headWidth != 0)
        {
            throw cfg.Error($"model_cfg.vision_cfg.width {width} is not divisible by head_width {headWidth}");
        }
        return new VisionTowerConfig
        {
            HiddenSize = width,
            IntermediateSize = MlpWidth(cfg, width),
            NumHiddenLayers = checked((int)cfg.Positive("layers", 12)),
            NumAttentionHeads = width / headWidth,
            ImageSize = cfg.SquareSize("image_size", 224),
            PatchSize = cfg.SquareSize("patch_size", 16),
            HiddenAct = activation,
            LayerNormEps = 1e-5,
        };
    }

    private static TextTowerConfig Text(ConfigFields cfg, HiddenActivation activation)
    {
        if (cfg.String("hf_model_name") is { } hf)
        {
            throw cfg.Error($"model_cfg.text_cfg.hf_model_name '{hf}' makes a HuggingFace text tower, which VideoLang does not implement for open_clip; it loads open_clip's own text transformer");
        }
        if (cfg.String("text_arch") is { } arch && arch != "clip")
        {
            throw cfg.Error($"model_cfg.text_cfg.text_arch '{arch}' is not supported; VideoLang implements 'clip'");
        }
        RefuseFlags(cfg, s_unsupportedTextFlags);
        RefuseNonNull(cfg, "ls_init_value", "act_kwargs", "norm_kwargs", "block_type");
        if (cfg.String("proj_type") is { } projection && projection != "linear")
        {
            throw cfg.Error($"model_cfg.text_cfg.proj_type '{projection}' is not supported; VideoLang implements 'linear'");
        }
        var pool = cfg.String("pool_type") ?? "argmax";
        var pooling = pool switch
        {
            "argmax" => TextPooling.ArgMaxId,
            "eos" => TextPooling.FirstEos,
            "last" => TextPooling.LastToken,
            _ => throw cfg.Error($"model_cfg.text_cfg.pool_type '{pool}' is not supported; VideoLang implements argmax, eos and last"),
        };
        if (pooling == TextPooling.FirstEos && !cfg.Has("eos_id"))
        {
            throw cfg.Error("model_cfg.text_cfg.pool_type 'eos' needs eos_id (the tokenizer's end-token id)");
        }
        var width = cfg.Positive("width", 512);
        return new TextTowerConfig
        {
            VocabSize = cfg.Positive("vocab_size", 49408),
            HiddenSize = width,
            IntermediateSize = MlpWidth(cfg, width),
            NumHiddenLayers = checked((int)cfg.Positive("layers", 12)),
            NumAttentionHeads = cfg.Positive("heads", 8),
            MaxPositionEmbeddings = cfg.Positive("context_length", 77),
            HiddenAct = activation,
            LayerNormEps = 1e-5,
            Causal = true,
            Pooling = pooling,
            // open_clip's CLIP tokenizer: <|endoftext|> is 49407, padding is 0.
            EosTokenId = cfg.Int("eos_id", 49407),
            PadTokenId = cfg.Int("pad_id", 0),
            // open_clip adds the whole positional table, so its texts are always padded to the context.
            PadToContext = true,
        };
    }

    /// <summary>open_clip's <c>int(width * mlp_ratio)</c>.</summary>
    private static long MlpWidth(ConfigFields cfg, long width)
    {
        var ratio = cfg.Number("mlp_ratio", 4.0);
        var hidden = (long)(width * ratio);
        return hidden > 0 ? hidden : throw cfg.Error($"{cfg.Prefix}mlp_ratio {ConfigFields.Format(ratio)} must be positive");
    }

    private static void RefuseFlags(ConfigFields cfg, string[] flags)
    {
        foreach (var flag in flags.Where(f => cfg.Bool(f, false)))
        {
            throw cfg.Error($"{cfg.Prefix}{flag} is not supported by VideoLang's open_clip import (it adds tensors or changes the computation)");
        }
    }

    private static void RefuseNonNull(ConfigFields cfg, params string[] names)
    {
        foreach (var name in names.Where(cfg.Has))
        {
            var raw = cfg.Raw(name);
            if (name == "block_type" && raw.ValueKind == JsonValueKind.String && raw.GetString() == "default")
            {
                continue;
            }
            throw cfg.Error($"{cfg.Prefix}{name} {raw.GetRawText()} is not supported by VideoLang's open_clip import (it adds tensors or changes the computation)");
        }
    }

    private static ImagePreprocessing Preprocessing(ConfigFields? cfg, VisionTowerConfig vision)
    {
        var channels = (int)vision.NumChannels;
        var resize = cfg?.String("resize_mode") ?? "shortest";
        return new ImagePreprocessing
        {
            ImageSize = (int)vision.ImageSize,
            Mean = cfg?.Numbers("mean", channels) ?? ImagePreprocessing.OpenAiMean,
            Std = cfg?.Numbers("std", channels) ?? ImagePreprocessing.OpenAiStd,
            Resize = resize switch
            {
                "shortest" => ImageResize.ShortestEdgeCenterCrop,
                "squash" => ImageResize.Squash,
                "longest" => ImageResize.LongestEdgePad,
                _ => throw cfg!.Error($"preprocess_cfg.resize_mode '{resize}' is not supported; open_clip's are shortest, longest and squash"),
            },
            Interpolation = cfg?.String("interpolation") ?? "bicubic",
        };
    }
}
