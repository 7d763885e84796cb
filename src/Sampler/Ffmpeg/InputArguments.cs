using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// The options every ffmpeg/ffprobe input gets, so that nothing but the file itself is ever read:
/// only the <c>file</c> (and <c>pipe</c>) protocols, only the allowed demuxers, and the path passed as
/// an explicit <c>file:</c> URL so a name such as <c>concat:a|b</c> or <c>-i</c> cannot be
/// reinterpreted.
/// </summary>
internal static class InputArguments
{
    public const string ProtocolWhitelist = "file,pipe";

    public static void Add(List<string> arguments, ContainerFormats allowed, ContainerFormats? forced)
    {
        arguments.Add("-protocol_whitelist");
        arguments.Add(ProtocolWhitelist);
        arguments.Add("-format_whitelist");
        arguments.Add(Demuxers.Whitelist(allowed));
        if (forced is { } format)
        {
            arguments.Add("-f");
            arguments.Add(Demuxers.Name(format));
        }
    }

    public static string FileUrl(string fullPath) => "file:" + fullPath;
}
