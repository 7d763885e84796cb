namespace VideoLang.Model.Checkpoints;

/// <summary>
/// An ordered list of labels (QA answers or tags), index = class id; saved one label per line.
/// Built from training data, so a head's outputs always map back to words.
/// </summary>
public sealed class LabelVocabulary
{
    private readonly Dictionary<string, int> _ids;

    public LabelVocabulary(IEnumerable<string> labels)
    {
        Labels = labels.ToArray();
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Labels.Count; i++)
        {
            if (!_ids.TryAdd(Labels[i], i))
            {
                throw new ArgumentException($"Label '{Labels[i]}' appears twice in the vocabulary.", nameof(labels));
            }
        }
    }

    public IReadOnlyList<string> Labels { get; }

    public int Count => Labels.Count;

    /// <summary>Distinct labels in order of first appearance, most frequent first when counts differ.</summary>
    public static LabelVocabulary Build(IEnumerable<string> occurrences) =>
        new(occurrences.GroupBy(l => l, StringComparer.Ordinal).Select((g, i) => (g.Key, Count: g.Count(), First: i))
            .OrderByDescending(g => g.Count).ThenBy(g => g.First).Select(g => g.Key));

    public int IdOf(string label) =>
        _ids.TryGetValue(label, out var id) ? id : throw new KeyNotFoundException($"'{label}' is not in the vocabulary of {Count} labels.");

    public bool TryGetId(string label, out int id) => _ids.TryGetValue(label, out id);

    public static LabelVocabulary Load(string path) => new(File.ReadAllLines(path).Where(l => l.Length > 0));

    public void Save(string path) => File.WriteAllLines(path, Labels);
}
