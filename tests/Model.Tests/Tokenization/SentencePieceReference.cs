using System.Diagnostics;
using System.Text.Json;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>
/// Trains a small Unigram model from SentencePiece/corpus.txt with Debian's spm_train, laid out
/// as T5's and SigLIP's spiece.model (pad 0, &lt;/s&gt; 1, &lt;unk&gt; 2, no BOS), then runs
/// SentencePiece/siglip_reference.py (python3-sentencepiece under HF SiglipTokenizer's steps) on
/// hard_strings.json.
/// </summary>
public sealed class SentencePieceReference : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("vl-spm-reference-").FullName;

    public SentencePieceReference()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Model.Tests", "Tokenization", "SentencePiece");
        Strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(RepositoryPaths.HardStrings))!;
        ModelPath = Path.Combine(_work, "spiece.model");
        Run("spm_train", null,
            $"--input={Path.Combine(folder, "corpus.txt")}", $"--model_prefix={Path.Combine(_work, "spiece")}", "--model_type=unigram",
            "--vocab_size=300", "--pad_id=0", "--eos_id=1", "--unk_id=2", "--bos_id=-1", "--num_threads=1");
        var lines = Run("/usr/bin/python3", null, Path.Combine(folder, "siglip_reference.py"), ModelPath, RepositoryPaths.HardStrings)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != Strings.Length)
        {
            throw new InvalidOperationException($"siglip_reference.py printed {lines.Length} lines for {Strings.Length} strings.");
        }

        // The same corpus with a BOS piece (id 3), which the package can load, and sentencepiece's
        // own ids for it: the evidence for not using the package's SentencePieceTokenizer.
        BosModelPath = Path.Combine(_work, "withbos.model");
        Run("spm_train", null,
            $"--input={Path.Combine(folder, "corpus.txt")}", $"--model_prefix={Path.Combine(_work, "withbos")}", "--model_type=unigram",
            "--vocab_size=300", "--pad_id=0", "--eos_id=1", "--unk_id=2", "--bos_id=3", "--num_threads=1");
        PlainBosModelIds = [.. Run("/usr/bin/python3", null, Path.Combine(folder, "sentencepiece_plain.py"), BosModelPath, RepositoryPaths.HardStrings)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Ids(JsonDocument.Parse(line).RootElement))];

        Cases = [.. lines.Select(line =>
        {
            var root = JsonDocument.Parse(line).RootElement;
            return new SiglipCase(Ids(root.GetProperty("ids")), Ids(root.GetProperty("padded")));
        })];
    }

    /// <summary>The spiece.model the run trained.</summary>
    public string ModelPath { get; }

    /// <summary>A model trained on the same corpus with a BOS piece (id 3).</summary>
    public string BosModelPath { get; }

    /// <summary>sentencepiece's own ids (no HF steps) for each hard string on <see cref="BosModelPath"/>.</summary>
    public int[][] PlainBosModelIds { get; }

    public string[] Strings { get; }

    public SiglipCase[] Cases { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static int[] Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static string Run(string program, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is missing; run bash ops/setup.sh (Debian sentencepiece, python3-sentencepiece).", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed ({process.ExitCode}); run bash ops/setup.sh? {errors.Result}");
            }

            return output;
        }
    }

    /// <summary>The reference ids before &lt;/s&gt;, and the row HF pads to 64.</summary>
    public sealed record SiglipCase(int[] Ids, int[] Padded);
}
