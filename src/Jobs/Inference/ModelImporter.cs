using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Store;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Embedders;
using VideoLang.Torch.Serialization;

namespace VideoLang.Jobs.Inference;

/// <summary>
/// <c>vlang models import PATH</c>: detects the format, converts what needs converting into a checkpoint
/// folder under <see cref="WorkerOptions.ModelsDirectory"/>, reports every tensor, and registers the model
/// with its kind (<see cref="ModelCatalog.AddAsync"/>, which checks the checksum as for any checkpoint).
/// Formats: a VideoLang checkpoint folder (ClipBERT, image-text embedder, or the registry's ResNet-18 +
/// MiniLM), a HuggingFace CLIP or SigLIP folder, an open_clip folder, or ClipBERT's released
/// <c>.pt</c>/<c>.pth</c> (with BERT's <c>vocab.txt</c>). Nothing is registered when anything fails.
/// </summary>
public sealed class ModelImporter(ModelCatalog catalog, IOptions<WorkerOptions> options)
{
    private static readonly string[] s_releaseExtensions = [".pt", ".pth", ".bin", ".safetensors"];

    /// <param name="path">A model folder or a ClipBERT release file.</param>
    /// <param name="name">The name to register; default the folder's or file's name.</param>
    /// <param name="activate">Activate it in every role its kind serves.</param>
    /// <param name="vocabulary">BERT's vocab.txt for a ClipBERT release file; default a vocab.txt beside it.</param>
    /// <param name="cancellationToken">Cancels before registering.</param>
    public async Task<ModelImport> ImportAsync(string path, string? name = null, bool activate = false, string? vocabulary = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var modelName = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(full)) : name.Trim();
        if (File.Exists(full))
        {
            if (!s_releaseExtensions.Contains(Path.GetExtension(full).ToLowerInvariant()))
            {
                throw new ArgumentException($"{full} is a file VideoLang does not import: a single file must be ClipBERT's released weights (.pt, .pth, .bin or .safetensors); other models are folders.", nameof(path));
            }
            var vocab = vocabulary ?? Path.Combine(Path.GetDirectoryName(full)!, Checkpoint.VocabularyFile);
            if (!File.Exists(vocab))
            {
                throw new ArgumentException($"ClipBERT's weights need BERT's WordPiece vocabulary: pass --vocab path/to/vocab.txt (bert-base-uncased's), or put vocab.txt beside {Path.GetFileName(full)}.", nameof(vocabulary));
            }
            var output = NewFolder(modelName);
            var report = ClipBertReleaseImporter.Import(full, vocab, output);
            return await RegisterAsync(modelName, output, activate, "ClipBERT release", output, report.ToString(), cancellationToken);
        }
        if (!Directory.Exists(full))
        {
            throw new ArgumentException($"{full} does not exist; pass a model folder or ClipBERT's .pt file.", nameof(path));
        }
        if (File.Exists(Path.Combine(full, Checkpoint.ChecksumFile)) && File.Exists(Path.Combine(full, Checkpoint.WeightsFile)))
        {
            var kind = ModelKinds.Detect(full);
            var weights = Path.Combine(full, Checkpoint.WeightsFile);
            await VerifyAsync(weights, Path.Combine(full, Checkpoint.ChecksumFile), cancellationToken);
            return await RegisterAsync(modelName, full, activate, $"VideoLang checkpoint ({kind})", null, TensorList(weights), cancellationToken);
        }
        if (File.Exists(Path.Combine(full, "open_clip_config.json")) || File.Exists(Path.Combine(full, Checkpoint.ConfigFile)))
        {
            var output = NewFolder(modelName);
            var report = ImageTextImporter.Import(full, output);
            return await RegisterAsync(modelName, output, activate, report.Format.ToString(), output, report.ToString(), cancellationToken);
        }
        throw new ArgumentException(
            $"{full} is not a model folder VideoLang recognises: it needs config.json (a HuggingFace CLIP or SigLIP folder, or a VideoLang checkpoint with model.safetensors and model.sha256) or open_clip_config.json.",
            nameof(path));
    }

    private async Task<ModelImport> RegisterAsync(string name, string folder, bool activate, string format, string? convertedTo, string report, CancellationToken cancellationToken)
    {
        try
        {
            var record = await catalog.AddAsync(name, folder, activate, cancellationToken);
            return new ModelImport(record, format, convertedTo, report);
        }
        catch when (convertedTo is not null)
        {
            // Nothing registered: leave no converted folder behind either.
            Directory.Delete(convertedTo, recursive: true);
            throw;
        }
    }

    /// <summary>A new folder under the models directory named after the model (a number appended when taken).</summary>
    private string NewFolder(string name)
    {
        var root = Path.GetFullPath(options.Value.ModelsDirectory);
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')).Trim('.');
        var folder = Path.Combine(root, safe.Length == 0 ? "model" : safe);
        for (var i = 2; Directory.Exists(folder) || File.Exists(folder); i++)
        {
            folder = Path.Combine(root, $"{safe}-{i.ToString(CultureInfo.InvariantCulture)}");
        }
        return folder;
    }

    private static async Task VerifyAsync(string weights, string checksumFile, CancellationToken cancellationToken)
    {
        var expected = (await File.ReadAllTextAsync(checksumFile, cancellationToken)).Trim();
        await using var stream = File.OpenRead(weights);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointException($"{weights} does not match its checksum in {checksumFile} (the file changed or is damaged); copy the folder again.");
        }
    }

    /// <summary>Every tensor of a checkpoint's weights: name, dtype and shape.</summary>
    private static string TensorList(string weights)
    {
        using var file = TensorFiles.Open(weights);
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{file.Names.Count} tensors in {weights} (checksum verified):");
        foreach (var tensor in file.Names.Order(StringComparer.Ordinal).Select(file.Info))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {tensor.Name} {tensor.Dtype} [{string.Join(", ", tensor.Shape)}]");
        }
        return text.ToString().TrimEnd();
    }
}
