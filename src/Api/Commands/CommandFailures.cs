using VideoLang.Model.Checkpoints;
using VideoLang.Model.Training;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Validation;
using VideoLang.Torch;

namespace VideoLang.Api.Commands;

/// <summary>
/// What a command prints when it fails: the failure in a sentence on stderr and exit code 1. The
/// stack trace is for developers and is printed only with <c>VIDEOLANG_TRACE=1</c>.
/// </summary>
internal static class CommandFailures
{
    public static int Report(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            Console.Error.WriteLine("vlang: cancelled.");
            return 130;
        }
        var what = exception switch
        {
            TrainingDataException => "the training videos could not all be read",
            MediaToolException => "ffmpeg or ffprobe failed",
            VideoRejectedException or ClipDecodeException => "a video could not be used",
            WeightImportException or CheckpointException => "the model files could not be used",
            TorchException => "libtorch failed",
            ArgumentException or InvalidOperationException or FileNotFoundException or DirectoryNotFoundException => "it was given something it cannot use",
            _ => $"an unexpected {exception.GetType().Name}",
        };
        Console.Error.WriteLine($"vlang failed: {what}.");
        Console.Error.WriteLine(exception.Message);
        if (Environment.GetEnvironmentVariable("VIDEOLANG_TRACE") == "1")
        {
            Console.Error.WriteLine(exception);
        }
        else if (what.StartsWith("an unexpected", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("Run again with VIDEOLANG_TRACE=1 for the stack trace, and report it if it is a bug.");
        }
        return 1;
    }
}
