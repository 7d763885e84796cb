namespace VideoLang.Model.Vision;

/// <summary>The ResNet variants: torchvision's 18, 34 and 50, CNTK's ResNet-18, and a narrow one-block-per-stage net for tests and CPU demos.</summary>
public enum ResNetDepth
{
    Tiny,
    ResNet18,
    ResNet34,
    ResNet50,

    /// <summary>CNTK's ImageNet ResNet-18 as ML.NET ships it: basic blocks [2, 2, 2, 3] (one more block in the last stage).</summary>
    ResNet18Cntk,
}
