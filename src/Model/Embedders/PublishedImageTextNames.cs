using System.Text.RegularExpressions;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Where each published tensor goes in <see cref="ImageTextModel"/>, whose names are HuggingFace's.
/// HF CLIP and SigLIP files map one-to-one. open_clip's (<c>visual.transformer.resblocks.N.attn.in_proj_weight</c>,
/// <c>visual.proj</c>, <c>ln_final</c>, ...) are renamed; its packed attention projections are split into
/// query, key and value, and its x @ P projection matrices transposed into linear weights.
/// </summary>
internal static partial class PublishedImageTextNames
{
    /// <summary>Buffers published files carry that hold nothing learned: HF's position ids, open_clip's causal mask.</summary>
    public static bool IsIgnored(ImageTextFormat format, string name) => format == ImageTextFormat.OpenClip
        ? name is "attn_mask" or "visual.attn_mask"
        : name.EndsWith("embeddings.position_ids", StringComparison.Ordinal);

    /// <summary>The model tensors one published tensor fills; empty when it fits none (unexpected).</summary>
    public static IReadOnlyList<ImportedTensor> Routes(ImageTextFormat format, string name) =>
        format == ImageTextFormat.OpenClip ? OpenClip(name) : [new ImportedTensor(name, name, TensorTransform.None)];

    private static IReadOnlyList<ImportedTensor> OpenClip(string name)
    {
        if (BlockName().Match(name) is { Success: true } block)
        {
            var tower = block.Groups["visual"].Success ? "vision_model" : "text_model";
            var prefix = $"{tower}.encoder.layers.{block.Groups["index"].Value}.";
            return BlockRoutes(name, prefix, block.Groups["rest"].Value);
        }
        ImportedTensor One(string target, TensorTransform transform = TensorTransform.None) => new(name, target, transform);
        return name switch
        {
            "visual.conv1.weight" => [One("vision_model.embeddings.patch_embedding.weight")],
            "visual.class_embedding" => [One("vision_model.embeddings.class_embedding")],
            "visual.positional_embedding" => [One("vision_model.embeddings.position_embedding.weight")],
            "visual.ln_pre.weight" => [One("vision_model.pre_layrnorm.weight")],
            "visual.ln_pre.bias" => [One("vision_model.pre_layrnorm.bias")],
            "visual.ln_post.weight" => [One("vision_model.post_layernorm.weight")],
            "visual.ln_post.bias" => [One("vision_model.post_layernorm.bias")],
            "visual.proj" => [One("visual_projection.weight", TensorTransform.Transpose)],
            "token_embedding.weight" => [One("text_model.embeddings.token_embedding.weight")],
            "positional_embedding" => [One("text_model.embeddings.position_embedding.weight")],
            "ln_final.weight" => [One("text_model.final_layer_norm.weight")],
            "ln_final.bias" => [One("text_model.final_layer_norm.bias")],
            "text_projection" => [One("text_projection.weight", TensorTransform.Transpose)],
            // Newer open_clip saves the projection as an nn.Linear when configured so.
            "text_projection.weight" => [One("text_projection.weight")],
            "logit_scale" => [One("logit_scale")],
            _ => [],
        };
    }

    private static IReadOnlyList<ImportedTensor> BlockRoutes(string name, string prefix, string rest)
    {
        if (rest is "attn.in_proj_weight" or "attn.in_proj_bias")
        {
            var kind = rest.EndsWith("weight", StringComparison.Ordinal) ? "weight" : "bias";
            return
            [
                new(name, $"{prefix}self_attn.q_proj.{kind}", TensorTransform.QueryPart),
                new(name, $"{prefix}self_attn.k_proj.{kind}", TensorTransform.KeyPart),
                new(name, $"{prefix}self_attn.v_proj.{kind}", TensorTransform.ValuePart),
            ];
        }
        var dot = rest.LastIndexOf('.');
        if (dot < 0)
        {
            return [];
        }
        var module = rest[..dot] switch
        {
            "ln_1" => "layer_norm1",
            "ln_2" => "layer_norm2",
            "attn.out_proj" => "self_attn.out_proj",
            "mlp.c_fc" => "mlp.fc1",
            "mlp.c_proj" => "mlp.fc2",
            _ => null,
        };
        return module is null ? [] : [new ImportedTensor(name, $"{prefix}{module}{rest[dot..]}", TensorTransform.None)];
    }

    [GeneratedRegex(@"^(?<visual>visual\.)?transformer\.resblocks\.(?<index>\d+)\.(?<rest>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockName();
}
