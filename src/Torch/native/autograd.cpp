// Autograd: backward, gradients, and the thread-local grad and inference modes.
#include "bridge.h"

#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>

VL_EXPORT int32_t vl_autograd_backward(void* handle, void* gradient, int32_t retain_graph, int32_t create_graph) {
    VL_GUARD(
        auto grad = gradient ? vl::tensor_of(gradient) : at::Tensor();
        vl::tensor_of(handle).backward(grad, retain_graph != 0, create_graph != 0))
}

// *out is null when the tensor has no gradient yet.
VL_EXPORT int32_t vl_autograd_grad(void* handle, void** out) {
    VL_GUARD(
        const auto& grad = vl::tensor_of(handle).grad();
        *out = grad.defined() ? vl::new_handle(grad) : nullptr)
}

// Sets the gradient (null clears it, as PyTorch's zero_grad(set_to_none=True)).
VL_EXPORT int32_t vl_autograd_set_grad(void* handle, void* gradient) {
    VL_GUARD(vl::tensor_of(handle).mutable_grad() = gradient ? vl::tensor_of(gradient) : at::Tensor())
}

// Returns the previous mode through *previous.
VL_EXPORT int32_t vl_autograd_set_grad_enabled(int32_t enabled, int32_t* previous) {
    VL_GUARD(
        *previous = c10::GradMode::is_enabled() ? 1 : 0;
        c10::GradMode::set_enabled(enabled != 0))
}

VL_EXPORT int32_t vl_autograd_is_grad_enabled(int32_t* out) {
    VL_GUARD(*out = c10::GradMode::is_enabled() ? 1 : 0)
}

// Inference mode is a guard object; it must be exited on the thread that entered it.
VL_EXPORT int32_t vl_autograd_inference_mode_enter(void** out) {
    VL_GUARD(*out = new c10::InferenceMode(true))
}

VL_EXPORT int32_t vl_autograd_inference_mode_exit(void* guard) {
    VL_GUARD(delete static_cast<c10::InferenceMode*>(guard))
}

VL_EXPORT int32_t vl_autograd_is_inference_mode(int32_t* out) {
    VL_GUARD(*out = c10::InferenceMode::is_enabled() ? 1 : 0)
}
