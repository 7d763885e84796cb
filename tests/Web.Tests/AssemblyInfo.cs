// One API host and one browser for the whole run (a collection fixture); the job scheduler each host
// starts is process-wide, and a small machine runs one browser at a time well.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
