using System.Text;
using VideoLang.Model.Configuration;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The outcome of <see cref="WeightImporter.Import"/>: the checkpoint folder written, the config the
/// files determined, one <see cref="SourceReport"/> per source file, the model tensors no file
/// covered (<see cref="Fresh"/>, in model order; they keep their fresh initialisation) and notes on
/// assumptions made (heads inferred, dtypes converted). <see cref="ToString"/> is the printable summary.
/// </summary>
public sealed record ImportReport(
    string OutputDirectory,
    ClipBertConfig Config,
    IReadOnlyList<SourceReport> Sources,
    IReadOnlyList<string> Fresh,
    IReadOnlyList<string> Notes)
{
    public override string ToString()
    {
        var bert = Config.Bert;
        var text = new StringBuilder()
            .AppendLine($"Imported into {OutputDirectory}: {Config.Name}, {Config.Backbone} (width {Config.BackboneWidth}), " +
                $"BERT {bert.NumHiddenLayers} layers x {bert.HiddenSize} ({bert.NumAttentionHeads} heads, vocabulary {bert.VocabSize})");
        foreach (var source in Sources)
        {
            text.AppendLine($"{source.Kind} {source.Path}: {source.Loaded.Count} tensors loaded");
            AppendList(text, "  ignored (known extras)", source.Ignored);
            AppendList(text, "  unexpected (not used)", source.Unexpected);
            AppendList(text, "  missing (kept fresh)", source.Missing);
        }
        AppendList(text, "fresh initialisation (no source)", Fresh);
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
