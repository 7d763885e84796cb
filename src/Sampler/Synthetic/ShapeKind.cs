namespace VideoLang.Sampler.Synthetic;

/// <summary>The shapes a synthetic scene can draw.</summary>
public enum ShapeKind
{
    Square,
    Circle,
    Triangle,
    Diamond,
    Cross,
}
