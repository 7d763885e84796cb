namespace VideoLang.Bench.Model;

/// <summary>A workload that can hand its weights, inputs and outputs to the PyTorch side, which then runs the same numbers and reports the difference.</summary>
internal interface IExportingWorkload : IWorkload
{
    /// <summary>Writes weights (the state dict's names), <c>input.*</c> and <c>output.*</c>; this forward counts as a warm-up.</summary>
    void Export(string path);
}
