// The thread-local last error and the hand-off of libtorch warnings to the host.
#include "bridge.h"

#include <c10/util/Exception.h>
#include <atomic>

namespace {

thread_local std::string t_last_error;

using warning_callback = void (*)(const char* message);
std::atomic<warning_callback> g_warning_callback{nullptr};

// Hands libtorch's warnings (otherwise printed to stderr) to the host's logging.
class HostWarningHandler final : public c10::WarningHandler {
public:
#if TORCH_VERSION_MAJOR >= 2
    void process(const c10::Warning& warning) override {
        forward(warning.msg());
    }
#else
    void process(const c10::SourceLocation&, const std::string& msg, const bool) override {
        forward(msg);
    }
#endif

private:
    static void forward(const std::string& msg) {
        if (auto callback = g_warning_callback.load()) {
            callback(msg.c_str());
        }
    }
};

HostWarningHandler g_handler;

void install_warning_handler(c10::WarningHandler* handler) {
#if TORCH_VERSION_MAJOR >= 2
    c10::WarningUtils::set_warning_handler(handler);
#else
    c10::Warning::set_warning_handler(handler);
#endif
}

}  // namespace

namespace vl {
void set_error(const char* message) { t_last_error = message; }
}  // namespace vl

VL_EXPORT const char* vl_error_last() { return t_last_error.c_str(); }

VL_EXPORT int32_t vl_error_set_warning_callback(void (*callback)(const char*)) {
    VL_GUARD(
        g_warning_callback.store(callback);
        install_warning_handler(callback ? &g_handler : nullptr))
}
