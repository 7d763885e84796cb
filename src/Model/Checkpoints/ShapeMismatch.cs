namespace VideoLang.Model.Checkpoints;

/// <summary>
/// A tensor of a source file whose shape differs from the model's tensor it maps onto: the file and
/// the config the model was built from (config.json or the file's own shapes) disagree.
/// </summary>
public sealed record ShapeMismatch(string Source, string Target, IReadOnlyList<long> Expected, IReadOnlyList<long> Found)
{
    public override string ToString() =>
        $"{Source} (model {Target}): expected [{string.Join(", ", Expected)}], found [{string.Join(", ", Found)}]";
}
