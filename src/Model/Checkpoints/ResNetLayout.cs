using System.Globalization;
using VideoLang.Model.Vision;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// Recognises which torchvision ResNet a file holds from its names: blocks per stage
/// (<c>layerS.B.*</c>) and whether blocks are bottlenecks (<c>conv3</c>); the width is
/// <c>conv1</c>'s output channels. timm's plain ResNets use the same names.
/// </summary>
internal static class ResNetLayout
{
    /// <param name="path">The file, for messages.</param>
    /// <param name="tensors">The file's tensors by torchvision name.</param>
    public static (ResNetDepth Depth, long Width) Infer(string path, IReadOnlyDictionary<string, TensorInfo> tensors)
    {
        if (!tensors.TryGetValue("conv1.weight", out var stem) || stem.Shape.Length != 4)
        {
            throw new WeightImportException(
                $"{path} has no 4-d 'conv1.weight': it is not a torchvision/timm ResNet with the plain stem (deep-stem variants such as resnet50d are not supported).");
        }
        var blocks = new int[4];
        foreach (var name in tensors.Keys)
        {
            if (Block(name) is var (stage, block))
            {
                blocks[stage] = Math.Max(blocks[stage], block + 1);
            }
        }
        var bottleneck = tensors.ContainsKey("layer1.0.conv3.weight");
        var depth = (blocks, bottleneck) switch
        {
            ([1, 1, 1, 1], false) => ResNetDepth.Tiny,
            ([2, 2, 2, 2], false) => ResNetDepth.ResNet18,
            ([3, 4, 6, 3], false) => ResNetDepth.ResNet34,
            ([3, 4, 6, 3], true) => ResNetDepth.ResNet50,
            ([2, 2, 2, 3], false) => ResNetDepth.ResNet18Cntk,
            _ => throw new WeightImportException(
                $"{path} holds a ResNet with [{string.Join(", ", blocks)}] {(bottleneck ? "bottleneck" : "basic")} blocks per stage; " +
                "VideoLang builds ResNet-18 [2, 2, 2, 2], ResNet-34 [3, 4, 6, 3], ResNet-50 [3, 4, 6, 3] bottleneck and CNTK's ResNet-18 [2, 2, 2, 3]."),
        };
        return (depth, stem.Shape[0]);
    }

    /// <summary>(stage 0-3, block) of a <c>layerS.B.*</c> name, or null.</summary>
    private static (int Stage, int Block)? Block(string name)
    {
        if (name.Length < 9 || !name.StartsWith("layer", StringComparison.Ordinal) || name[5] is < '1' or > '4' || name[6] != '.')
        {
            return null;
        }
        var rest = name.AsSpan(7);
        var dot = rest.IndexOf('.');
        return dot > 0 && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var block) ? (name[5] - '1', block) : null;
    }
}
