using System.Globalization;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Probing;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// One ffmpeg process decoding several clips of a video: each clip is its own input with its own input
/// seek (<c>-ss</c> before <c>-i</c>), each goes through its <see cref="FilterChain"/>, and the chains are
/// concatenated into one RGB24 stream on stdout that is read straight into the caller's buffer. One
/// process for many clips matters: starting ffmpeg costs more than decoding a clip.
/// </summary>
internal static class DecodeGroup
{
    public static async Task<GroupResult> RunAsync(
        SamplerOptions options,
        string fullPath,
        VideoInfo video,
        ClipSampling sampling,
        FrameSpec frames,
        IReadOnlyList<GroupInput> inputs,
        Memory<byte> region,
        CancellationToken cancellationToken)
    {
        var arguments = Arguments(options, fullPath, video, sampling, frames, inputs);
        var log = new GroupLog(inputs.Count, video, fullPath);
        var bytesRead = 0;

        async Task ReadFramesAsync(Stream stdout, CancellationToken ct)
        {
            while (bytesRead < region.Length)
            {
                var read = await stdout.ReadAsync(region[bytesRead..], ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                bytesRead += read;
            }

            var probe = new byte[1];
            if (await stdout.ReadAsync(probe, ct).ConfigureAwait(false) > 0)
            {
                throw new InvalidDataException("ffmpeg produced more frames than the clips asked for.");
            }
        }

        int exitCode;
        try
        {
            exitCode = await MediaProcess.RunAsync(options.FfmpegPath, arguments, Path.GetFileName(fullPath), ReadFramesAsync, log.OnLine, options.Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            log.GroupErrors.Add(e.Message);
            return new GroupResult(log.Clips, log.GroupErrors, log.DecoderMessages, Complete: false);
        }

        if (exitCode != 0)
        {
            log.GroupErrors.Add(string.Create(CultureInfo.InvariantCulture, $"ffmpeg exited with code {exitCode}"));
        }

        var expected = (long)log.Clips.Sum(o => o.OutputFrames) * frames.BytesPerFrame;
        if (expected != bytesRead)
        {
            log.GroupErrors.Add(string.Create(CultureInfo.InvariantCulture, $"ffmpeg wrote {bytesRead} bytes for {expected / frames.BytesPerFrame} frames"));
        }

        return new GroupResult(log.Clips, log.GroupErrors, log.DecoderMessages, Complete: exitCode == 0 && expected == bytesRead);
    }

    private static List<string> Arguments(SamplerOptions options, string fullPath, VideoInfo video, ClipSampling sampling, FrameSpec frames, IReadOnlyList<GroupInput> inputs)
    {
        List<string> arguments = ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info", "-copyts"];
        foreach (var input in inputs)
        {
            arguments.Add("-threads");
            arguments.Add(options.DecoderThreads.ToString(CultureInfo.InvariantCulture));
            InputArguments.Add(arguments, options.AllowedContainers, video.Container);
            arguments.Add("-noautorotate");
            arguments.Add("-noaccurate_seek");
            if (input.SeekSeconds > 0)
            {
                arguments.Add("-ss");
                arguments.Add(input.SeekSeconds.ToString("0.######", CultureInfo.InvariantCulture));
            }

            arguments.Add("-i");
            arguments.Add(InputArguments.FileUrl(fullPath));
        }

        var geometry = FilterChain.Geometry(video, frames);
        var chains = inputs.Select((input, k) => FilterChain.ForClip(
            k, video.VideoStreamIndex, input.Timing, sampling.FramesPerClip, geometry, inputs.Count == 1 ? "out" : $"c{k}"));
        var graph = string.Join(';', chains);
        if (inputs.Count > 1)
        {
            graph += ";" + string.Concat(inputs.Select((_, k) => $"[c{k}]")) +
                string.Create(CultureInfo.InvariantCulture, $"concat=n={inputs.Count}:v=1:a=0[out]");
        }

        arguments.AddRange(["-filter_complex", graph, "-filter_complex_threads", "1",
            "-map", "[out]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }
}
