// Tensor handles: creation from host memory, copies out, queries, device and dtype moves.
#include "bridge.h"

#include <atomic>
#include <cstring>

namespace {
std::atomic<int64_t> g_live_handles{0};

c10::Device device_of(int32_t type, int32_t index) {
    return c10::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}
}  // namespace

namespace vl {
void* new_handle(at::Tensor tensor) {
    g_live_handles.fetch_add(1, std::memory_order_relaxed);
    return new at::Tensor(std::move(tensor));
}

void delete_handle(void* handle) {
    if (handle == nullptr) return;
    g_live_handles.fetch_sub(1, std::memory_order_relaxed);
    delete static_cast<at::Tensor*>(handle);
}
}  // namespace vl

VL_EXPORT int64_t vl_tensor_live_count() { return g_live_handles.load(); }

VL_EXPORT void vl_tensor_free(void* handle) { vl::delete_handle(handle); }

// Copies `data` (host memory, C order) into a new tensor of the given shape, dtype and device.
VL_EXPORT int32_t vl_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype,
                                      int32_t device_type, int32_t device_index, void** out) {
    VL_GUARD(
        auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
        auto host = at::empty(at::IntArrayRef(shape, ndim), options);
        if (host.numel() > 0) std::memcpy(host.data_ptr(), data, host.nbytes());
        auto device = device_of(device_type, device_index);
        *out = vl::new_handle(device.is_cpu() ? host : host.to(device)))
}

// Copies the tensor's elements, in C order, into `dst`, which must hold exactly `nbytes`.
VL_EXPORT int32_t vl_tensor_copy_to(void* handle, void* dst, int64_t nbytes) {
    VL_GUARD(
        auto source = vl::tensor_of(handle).detach().to(at::kCPU).contiguous();
        TORCH_CHECK(static_cast<int64_t>(source.nbytes()) == nbytes, "copy_to: the tensor holds ",
                    source.nbytes(), " bytes but the destination holds ", nbytes);
        if (nbytes > 0) std::memcpy(dst, source.data_ptr(), nbytes))
}

VL_EXPORT int32_t vl_tensor_ndim(void* handle, int64_t* out) {
    VL_GUARD(*out = vl::tensor_of(handle).dim())
}

VL_EXPORT int32_t vl_tensor_shape(void* handle, int64_t* dims, int32_t capacity) {
    VL_GUARD(
        auto sizes = vl::tensor_of(handle).sizes();
        TORCH_CHECK(static_cast<int64_t>(sizes.size()) <= capacity, "shape: ", sizes.size(),
                    " dimensions do not fit ", capacity);
        std::copy(sizes.begin(), sizes.end(), dims))
}

VL_EXPORT int32_t vl_tensor_dtype(void* handle, int32_t* out) {
    VL_GUARD(*out = static_cast<int32_t>(vl::tensor_of(handle).scalar_type()))
}

VL_EXPORT int32_t vl_tensor_device(void* handle, int32_t* type, int32_t* index) {
    VL_GUARD(
        auto device = vl::tensor_of(handle).device();
        *type = static_cast<int32_t>(device.type());
        *index = device.has_index() ? device.index() : -1)
}

VL_EXPORT int32_t vl_tensor_is_defined(void* handle, int32_t* out) {
    VL_GUARD(*out = vl::tensor_of(handle).defined() ? 1 : 0)
}

// dtype < 0 keeps the tensor's dtype.
VL_EXPORT int32_t vl_tensor_to(void* handle, int32_t device_type, int32_t device_index, int32_t dtype,
                               int32_t non_blocking, void** out) {
    VL_GUARD(
        auto& tensor = vl::tensor_of(handle);
        auto target = dtype < 0 ? tensor.scalar_type() : static_cast<at::ScalarType>(dtype);
        *out = vl::new_handle(tensor.to(device_of(device_type, device_index), target, non_blocking != 0)))
}

VL_EXPORT int32_t vl_tensor_clone(void* handle, void** out) {
    VL_GUARD(*out = vl::new_handle(vl::tensor_of(handle).clone()))
}

VL_EXPORT int32_t vl_tensor_detach(void* handle, void** out) {
    VL_GUARD(*out = vl::new_handle(vl::tensor_of(handle).detach()))
}

// A new handle to the same tensor (shares storage and autograd identity).
VL_EXPORT int32_t vl_tensor_alias(void* handle, void** out) {
    VL_GUARD(*out = vl::new_handle(vl::tensor_of(handle)))
}

VL_EXPORT int32_t vl_tensor_requires_grad(void* handle, int32_t* out) {
    VL_GUARD(*out = vl::tensor_of(handle).requires_grad() ? 1 : 0)
}

VL_EXPORT int32_t vl_tensor_set_requires_grad(void* handle, int32_t value) {
    VL_GUARD(vl::tensor_of(handle).set_requires_grad(value != 0))
}

// Replaces the tensor's data in place, keeping its identity (what Module.To does to parameters).
VL_EXPORT int32_t vl_tensor_set_data(void* handle, void* source) {
    VL_GUARD(vl::tensor_of(handle).set_data(vl::tensor_of(source)))
}
