using System.Text;
using VideoLang.Model.Configuration;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The outcome of <see cref="ClipBertReleaseImporter.Import"/>, tensor by tensor. Of the source file:
/// <see cref="Loaded"/> (copied, converted to float32 where stored otherwise), <see cref="Ignored"/>
/// (known and left out, with the reason) and <see cref="Unexpected"/> (not understood, not used). Of
/// our model: <see cref="Derived"/> (computed from source tensors or set to a constant so that our
/// modules compute what ClipBERT's did), <see cref="Missing"/> (a tensor this layout should have
/// filled but the file lacks; it keeps its fresh initialisation) and <see cref="Fresh"/> (parts the
/// release never has: the multiple-choice head, the dual-encoder projections and scales, and for
/// <see cref="ClipBertReleaseLayout.GridFeatures"/> everything but the backbone). Lists are in ordinal order.
/// </summary>
public sealed record ClipBertReleaseReport(
    string Path,
    ClipBertReleaseLayout Layout,
    string OutputDirectory,
    ClipBertConfig Config,
    IReadOnlyList<TensorMapping> Loaded,
    IReadOnlyList<DerivedTensor> Derived,
    IReadOnlyList<IgnoredTensor> Ignored,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Fresh,
    IReadOnlyList<string> Notes)
{
    /// <summary>Every file tensor loaded, derived from or ignored for a reason, and every model tensor this layout fills present.</summary>
    public bool IsComplete => Unexpected.Count == 0 && Missing.Count == 0;

    public override string ToString()
    {
        var bert = Config.Bert;
        var text = new StringBuilder()
            .AppendLine($"Imported ClipBERT's {(Layout == ClipBertReleaseLayout.EndToEnd ? "pre-trained model" : "grid-feature backbone")} {Path} into {OutputDirectory}: " +
                $"{Config.Backbone} (width {Config.BackboneWidth}, stride in 1x1, frozen batch norm), BERT {bert.NumHiddenLayers} layers x {bert.HiddenSize} " +
                $"({bert.NumAttentionHeads} heads, vocabulary {bert.VocabSize})")
            .AppendLine($"loaded, {Loaded.Count} tensors");
        foreach (var group in Derived.GroupBy(d => d.How))
        {
            text.AppendLine($"derived, {group.Count()}: {string.Join(", ", group.Take(3).Select(d => d.Target))}{(group.Count() > 3 ? ", ..." : "")} — {group.Key}");
        }
        foreach (var group in Ignored.GroupBy(i => i.Reason))
        {
            text.AppendLine($"ignored, {group.Count()}: {string.Join(", ", group.Take(3).Select(i => i.Source))}{(group.Count() > 3 ? ", ..." : "")} — {group.Key}");
        }
        AppendList(text, "unexpected (not used)", Unexpected);
        AppendList(text, "missing (kept fresh)", Missing);
        AppendList(text, "fresh initialisation (not in the release)", Fresh);
        foreach (var note in Notes)
        {
            text.AppendLine($"note: {note}");
        }
        return text.ToString().TrimEnd();
    }

    private static void AppendList(StringBuilder text, string title, IReadOnlyList<string> names)
    {
        if (names.Count > 0)
        {
            text.AppendLine($"{title}, {names.Count}: {string.Join(", ", names)}");
        }
    }
}
