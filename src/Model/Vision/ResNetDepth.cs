namespace VideoLang.Model.Vision;

/// <summary>The ResNet variants: torchvision's 18, 34 and 50, and a narrow one-block-per-stage net for tests and CPU demos.</summary>
public enum ResNetDepth
{
    Tiny,
    ResNet18,
    ResNet34,
    ResNet50,
}
