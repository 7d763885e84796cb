using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

public sealed partial class Tensor
{
    public bool RequiresGrad
    {
        get
        {
            NativeMethods.Check(NativeMethods.TensorRequiresGrad(Handle, out var value));
            return value != 0;
        }
        set => NativeMethods.Check(NativeMethods.TensorSetRequiresGrad(Handle, value ? 1 : 0));
    }

    /// <summary>The accumulated gradient, or null before the first backward. Each read is a new handle.</summary>
    public Tensor? Grad
    {
        get
        {
            NativeMethods.Check(NativeMethods.AutogradGrad(Handle, out var grad));
            return grad == 0 ? null : new Tensor(grad);
        }
        set
        {
            NativeMethods.Check(NativeMethods.AutogradSetGrad(Handle, value?.Handle ?? 0));
            GC.KeepAlive(value);
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, as PyTorch's <c>requires_grad_()</c>.</summary>
    public Tensor RequiresGrad_(bool value = true)
    {
        RequiresGrad = value;
        return this;
    }

    /// <summary>Back-propagates from this tensor (a scalar unless <paramref name="gradient"/> is given).</summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        NativeMethods.Check(NativeMethods.AutogradBackward(Handle, gradient?.Handle ?? 0, retainGraph ? 1 : 0, createGraph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>Replaces this tensor's data in place, keeping its identity (parameters keep their handles).</summary>
    public void SetData(Tensor source)
    {
        NativeMethods.Check(NativeMethods.TensorSetData(Handle, source.Handle));
        GC.KeepAlive(source);
    }
}
