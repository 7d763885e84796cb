// Job tests run workers, ffmpeg and libtorch against one PostgreSQL server on a small machine;
// one class at a time keeps their timings (retries, recovery) far from the test timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
