// Training seeds libtorch's process-wide generator per epoch and tests compare runs exactly, so
// test classes must not draw random numbers in parallel: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
