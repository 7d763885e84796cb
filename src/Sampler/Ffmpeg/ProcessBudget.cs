namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// How long one ffprobe/ffmpeg run may go on, counted from the moment it starts (never while it
/// queues for a place). <paramref name="CpuTime"/> is the processor time the tool itself uses, so a
/// busy machine that gives it less of a core does not make it fail; <paramref name="WallTime"/> stops a
/// run that hangs without using the processor.
/// </summary>
public readonly record struct ProcessBudget(TimeSpan CpuTime, TimeSpan WallTime);
