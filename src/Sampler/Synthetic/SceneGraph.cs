using System.Globalization;

namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// The lavfi filter graphs that draw synthetic videos: a <c>color</c> background, the shape as a
/// <c>color</c> sprite cut out by a <c>geq</c> alpha mask and moved by <c>overlay</c>, and the word by
/// <c>drawtext</c>. Commas inside expressions are escaped for the graph parser; no shell is involved.
/// </summary>
internal static class SceneGraph
{
    public static string ForScene(SceneSpec scene, VideoEncoding encoding, string? fontFile)
    {
        var layout = SceneLayout.For(scene, encoding.Width, encoding.Height);
        var (w, h, fps, duration) = (encoding.Width, encoding.Height, Number(encoding.FramesPerSecond), Number(encoding.DurationSeconds));
        var (r, g, b) = Palette.Rgb(scene.Color);
        var size = layout.ShapeSize;
        var mask = Mask(scene.Shape, size);
        // The shape leaves its start on the first frame and reaches its end on the last, so a moving scene
        // played backwards is, frame for frame, the scene moving the other way.
        var travel = SceneLayout.TravelSeconds(encoding.DurationSeconds, encoding.FramesPerSecond);
        var x = Motion(layout.StartX, layout.EndX, travel);
        var y = Motion(layout.StartY, layout.EndY, travel);
        var graph =
            $"color=c={Palette.Hex(scene.Background)}:s={w}x{h}:r={fps}:d={duration}[bg];" +
            $"color=c={Palette.Hex(scene.Color)}:s={size}x{size}:r={fps}:d={duration},format=rgba," +
            $"geq=r={r}:g={g}:b={b}:a={mask}[shape];" +
            $"[bg][shape]overlay=x={x}:y={y}:eval=frame:format=auto,format=yuv444p";
        if (scene.Word is not null)
        {
            var font = fontFile ?? throw new InvalidOperationException("A scene has a word but no font file is set.");
            var fontSize = Math.Max(8, h / 8);
            var color = Palette.IsLight(scene.Background) ? "black" : "white";
            graph += $",drawtext=fontfile={Escape(font)}:text={scene.Word}:fontsize={fontSize}:fontcolor={color}:x=3:y=3";
        }

        return graph;
    }

    public static string ForColors(IReadOnlyList<ColorSegment> segments, VideoEncoding encoding)
    {
        var parts = segments.Select((segment, i) =>
            $"color=c={Palette.Hex(segment.Color)}:s={encoding.Width}x{encoding.Height}:r={Number(segment.FramesPerSecond ?? encoding.FramesPerSecond)}:d={Number(segment.Seconds)},format=yuv444p,settb=1/1000[s{i}]");
        var inputs = string.Concat(segments.Select((_, i) => $"[s{i}]"));
        return string.Join(';', parts) + $";{inputs}concat=n={segments.Count}:v=1:a=0";
    }

    /// <summary>Alpha 255 inside the shape, 0 outside, for a size×size sprite.</summary>
    private static string Mask(ShapeKind shape, int size)
    {
        var c = Number((size - 1) / 2.0);
        var half = Number(size / 2.0);
        var inside = shape switch
        {
            ShapeKind.Square => "1",
            ShapeKind.Circle => $"lte(pow(X-{c}\\,2)+pow(Y-{c}\\,2)\\,pow({half}\\,2))",
            ShapeKind.Triangle => $"lte(abs(X-{c})\\,Y/2)",
            ShapeKind.Diamond => $"lte(abs(X-{c})+abs(Y-{c})\\,{half})",
            ShapeKind.Cross => $"lte(abs(X-{c})\\,{Number(size / 6.0)})+lte(abs(Y-{c})\\,{Number(size / 6.0)})",
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Use a ShapeKind value."),
        };
        return $"if({inside}\\,255\\,0)";
    }

    private static string Motion(int from, int to, double duration) =>
        from == to ? Number(from) : $"{Number(from)}+({Number(to - from)})*t/{Number(duration)}";

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal);

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
