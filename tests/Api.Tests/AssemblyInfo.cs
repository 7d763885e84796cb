// Every test class runs its own API host, and the job scheduler each host starts is registered
// process-wide under one name: classes must take turns. One at a time also keeps ffmpeg, libtorch
// and PostgreSQL from crowding a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
