namespace VideoLang.Model.Tests.Tokenization;

/// <summary>Files the tokenizer tests read, found from the repository root (the folder holding VideoLang.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    /// <summary>The shared bert-base-uncased vocabulary, at ../shared/data beside the repository.</summary>
    public static string BertBaseUncasedVocabulary => Existing(Path.Combine(Root, "..", "shared", "data", "bert-base-uncased-vocab.txt"));

    /// <summary>The golden encodings written by reference_tokenizer.py.</summary>
    public static string Golden => Existing(Path.Combine(Root, "tests", "Model.Tests", "Tokenization", "golden.jsonl"));

    /// <summary>The hard strings both the CLIP and the SigLIP tokenizer tests encode.</summary>
    public static string HardStrings => Existing(Path.Combine(Root, "tests", "Model.Tests", "Tokenization", "hard_strings.json"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VideoLang.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds VideoLang.sln; run the tests from a build inside the repository.");
    }

    private static string Existing(string path) =>
        File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"The tokenizer tests need {Path.GetFullPath(path)}; it is missing.", path);
}
