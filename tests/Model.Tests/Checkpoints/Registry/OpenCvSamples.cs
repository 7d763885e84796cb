using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

namespace VideoLang.Model.Tests.Checkpoints.Registry;

/// <summary>Real footage from Debian's opencv-doc (ops/setup.sh installs it): a street scene and a tree in the wind.</summary>
internal static class OpenCvSamples
{
    private const string Folder = "/usr/share/doc/opencv-doc/examples/data";

    /// <summary>768×576 msmpeg4v3, 79.5 s: people walking on a square.</summary>
    public static string Street => Existing("vtest.avi");

    /// <summary>320×240 cinepak, 29.6 s: a tree moving in the wind.</summary>
    public static string Tree => Existing("tree.avi");

    /// <summary><paramref name="frames"/> single frames spread over the video, centre-cropped to <paramref name="size"/>, as uint8 RGB bytes per frame.</summary>
    public static async Task<byte[][]> FramesAsync(string path, int frames, int size)
    {
        using var batch = await new VideoSampler().SampleAsync(
            path, new ClipSampling(ClipCount: frames, FramesPerClip: 1), SamplingMode.Inference, new FrameSpec(size, ResizeMode.CenterCrop));
        var bytes = batch.Pixels.ToArray();
        var perFrame = size * size * 3;
        return Enumerable.Range(0, frames).Select(i => bytes.AsSpan(i * perFrame, perFrame).ToArray()).ToArray();
    }

    private static string Existing(string name)
    {
        var path = Path.Combine(Folder, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: install Debian's opencv-doc (ops/setup.sh does).", path);
    }
}
