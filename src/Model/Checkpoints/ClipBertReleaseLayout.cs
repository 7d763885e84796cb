namespace VideoLang.Model.Checkpoints;

/// <summary>Which of ClipBERT's released files an import reads, recognised from the tensor names.</summary>
public enum ClipBertReleaseLayout
{
    /// <summary>
    /// <c>clipbert_image_text_pretrained.pt</c>: the state dict of ClipBERT's whole <c>ClipBert</c> module
    /// (<c>cnn.feature.backbone.*</c>, <c>cnn.grid_encoder.0.weight</c>, <c>transformer.bert.*</c>, <c>transformer.cls.*</c>).
    /// </summary>
    EndToEnd,

    /// <summary>
    /// <c>grid_feat_R-50.pth</c>: the detectron2 checkpoint ClipBERT's CNN starts from (<c>backbone.stem.conv1.weight</c>,
    /// <c>backbone.res2.0.conv1.norm.weight</c>, ...); only the backbone is imported.
    /// </summary>
    GridFeatures,
}
