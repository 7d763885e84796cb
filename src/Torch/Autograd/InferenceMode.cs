using VideoLang.Torch.Interop;

namespace VideoLang.Torch.Autograd;

/// <summary>
/// <c>torch.inference_mode()</c> for this thread until disposed: no autograd bookkeeping at all.
/// Tensors made inside cannot later take part in autograd. Dispose on the thread that entered.
/// </summary>
public sealed class InferenceMode : IDisposable
{
    private nint _guard;

    private InferenceMode(nint guard) => _guard = guard;

    public static InferenceMode Enter()
    {
        NativeMethods.Check(NativeMethods.AutogradInferenceModeEnter(out var guard));
        return new InferenceMode(guard);
    }

    public static bool IsEnabled
    {
        get
        {
            NativeMethods.Check(NativeMethods.AutogradIsInferenceMode(out var enabled));
            return enabled != 0;
        }
    }

    public void Dispose()
    {
        if (_guard != 0)
        {
            NativeMethods.Check(NativeMethods.AutogradInferenceModeExit(_guard));
            _guard = 0;
        }
    }
}
