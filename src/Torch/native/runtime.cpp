// Process-wide runtime settings: seeding, threads, CUDA queries and autocast.
#include "bridge.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <dlfcn.h>

#define VL_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace {

// Matrix products run on the BLAS library's own thread pool, which at::set_num_threads does not
// touch; OpenBLAS is found at run time so the bridge works with any BLAS.
void set_blas_threads(int32_t threads) {
    using setter = void (*)(int);
    if (auto set = reinterpret_cast<setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

bool autocast_enabled(c10::DeviceType device) {
#if VL_TORCH_AT_LEAST(2, 4)
    return at::autocast::is_autocast_enabled(device);
#else
    return device == c10::DeviceType::CUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

at::ScalarType autocast_dtype(c10::DeviceType device) {
#if VL_TORCH_AT_LEAST(2, 4)
    return at::autocast::get_autocast_dtype(device);
#else
    return device == c10::DeviceType::CUDA ? at::autocast::get_autocast_gpu_dtype()
                                           : at::autocast::get_autocast_cpu_dtype();
#endif
}

void set_autocast(c10::DeviceType device, bool enabled, at::ScalarType dtype) {
    TORCH_CHECK(device == c10::DeviceType::CUDA || device == c10::DeviceType::CPU,
                "autocast: only CPU and CUDA are supported, not ", device);
#if VL_TORCH_AT_LEAST(2, 4)
    at::autocast::set_autocast_enabled(device, enabled);
    at::autocast::set_autocast_dtype(device, dtype);
#else
    if (device == c10::DeviceType::CUDA) {
        at::autocast::set_enabled(enabled);
        at::autocast::set_autocast_gpu_dtype(dtype);
    } else {
        at::autocast::set_cpu_enabled(enabled);
        at::autocast::set_autocast_cpu_dtype(dtype);
    }
#endif
}

}  // namespace

VL_EXPORT int32_t vl_runtime_manual_seed(uint64_t seed) {
    VL_GUARD(at::manual_seed(seed))
}

VL_EXPORT int32_t vl_runtime_set_threads(int32_t threads) {
    VL_GUARD(
        TORCH_CHECK(threads > 0, "set_threads: the thread count must be positive, got ", threads);
        at::set_num_threads(threads);
        set_blas_threads(threads))
}

VL_EXPORT int32_t vl_runtime_get_threads(int32_t* out) {
    VL_GUARD(*out = at::get_num_threads())
}

VL_EXPORT int32_t vl_runtime_cuda_device_count(int32_t* out) {
    VL_GUARD(*out = at::globalContext().hasCUDA() ? static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0)
}

// Waits for every queued kernel on the CUDA device (benchmarks time the work, not the queueing).
VL_EXPORT int32_t vl_runtime_cuda_synchronize(int32_t device_index) {
    VL_GUARD(
        TORCH_CHECK(at::globalContext().hasCUDA(), "cuda_synchronize: this libtorch has no CUDA device");
        at::detail::getCUDAHooks().deviceSynchronize(device_index))
}

VL_EXPORT int32_t vl_runtime_version(int32_t* major, int32_t* minor, int32_t* patch) {
    VL_GUARD(*major = TORCH_VERSION_MAJOR; *minor = TORCH_VERSION_MINOR; *patch = TORCH_VERSION_PATCH)
}

// Enters an autocast region for `device_type` computing in `dtype`; the previous state comes back
// through the out-parameters and is restored by vl_runtime_autocast_exit. Thread-local.
VL_EXPORT int32_t vl_runtime_autocast_enter(int32_t device_type, int32_t dtype, int32_t* previous_enabled,
                                            int32_t* previous_dtype) {
    VL_GUARD(
        auto device = static_cast<c10::DeviceType>(device_type);
        *previous_enabled = autocast_enabled(device) ? 1 : 0;
        *previous_dtype = static_cast<int32_t>(autocast_dtype(device));
        set_autocast(device, true, static_cast<at::ScalarType>(dtype));
        at::autocast::increment_nesting())
}

VL_EXPORT int32_t vl_runtime_autocast_exit(int32_t device_type, int32_t previous_enabled, int32_t previous_dtype) {
    VL_GUARD(
        // The cast cache lives as long as the outermost region, as in torch.autocast.
        if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
        set_autocast(static_cast<c10::DeviceType>(device_type), previous_enabled != 0,
                     static_cast<at::ScalarType>(previous_dtype)))
}
