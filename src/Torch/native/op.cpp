// The generic operator call: look an ATen operator up by name once, then call it boxed.
//
// callBoxed neither fills in defaults nor converts types, so every argument is converted by the
// type its schema declares, and missing trailing arguments are padded from the schema's defaults.
#include "bridge.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <vector>

namespace {

thread_local std::vector<vl_arg> t_results;
thread_local std::vector<c10::IValue> t_stack;

[[noreturn]] void bad_argument(const c10::FunctionSchema& schema, const c10::Argument& argument,
                               const char* expected, int32_t kind) {
    TORCH_CHECK(false, schema.name(), ": argument '", argument.name(), "' (", argument.type()->str(),
                ") needs ", expected, " but got argument kind ", kind);
}

std::vector<int64_t> int_list(const vl_arg& arg, const c10::Argument& argument) {
    if (arg.kind == VL_INT) {
        // An int where int[N] is declared repeats it N times, as Python does.
        auto n = argument.N().value_or(1);
        return std::vector<int64_t>(static_cast<size_t>(n), arg.i);
    }
    auto values = static_cast<const int64_t*>(arg.p);
    return std::vector<int64_t>(values, values + arg.n);
}

c10::IValue list_value(const vl_arg& arg, const c10::FunctionSchema& schema, const c10::Argument& argument,
                       const c10::TypePtr& element) {
    switch (element->kind()) {
        case c10::TypeKind::IntType:
        case c10::TypeKind::SymIntType:
            if (arg.kind != VL_INT_LIST && arg.kind != VL_INT) bad_argument(schema, argument, "an int list", arg.kind);
            return c10::IValue(c10::List<int64_t>(int_list(arg, argument)));
        case c10::TypeKind::FloatType: {
            if (arg.kind != VL_DOUBLE_LIST) bad_argument(schema, argument, "a float list", arg.kind);
            auto values = static_cast<const double*>(arg.p);
            return c10::IValue(c10::List<double>(std::vector<double>(values, values + arg.n)));
        }
        case c10::TypeKind::BoolType: {
            if (arg.kind != VL_INT_LIST) bad_argument(schema, argument, "a bool list (as ints)", arg.kind);
            c10::List<bool> flags;
            auto values = static_cast<const int64_t*>(arg.p);
            for (int64_t k = 0; k < arg.n; ++k) flags.push_back(values[k] != 0);
            return c10::IValue(std::move(flags));
        }
        case c10::TypeKind::TensorType: {
            if (arg.kind != VL_TENSOR_LIST) bad_argument(schema, argument, "a tensor list", arg.kind);
            c10::List<at::Tensor> tensors;
            tensors.reserve(arg.n);
            auto handles = static_cast<void* const*>(arg.p);
            for (int64_t k = 0; k < arg.n; ++k) {
                TORCH_CHECK(handles[k] != nullptr, schema.name(), ": argument '", argument.name(),
                            "' has a null tensor at position ", k);
                tensors.push_back(vl::tensor_of(handles[k]));
            }
            return c10::IValue(std::move(tensors));
        }
        case c10::TypeKind::OptionalType: {
            if (arg.kind != VL_TENSOR_LIST) bad_argument(schema, argument, "a list of optional tensors", arg.kind);
            c10::List<c10::optional<at::Tensor>> tensors;
            auto handles = static_cast<void* const*>(arg.p);
            for (int64_t k = 0; k < arg.n; ++k) {
                tensors.push_back(handles[k] ? c10::optional<at::Tensor>(vl::tensor_of(handles[k])) : c10::nullopt);
            }
            return c10::IValue(std::move(tensors));
        }
        default:
            TORCH_CHECK(false, schema.name(), ": argument '", argument.name(), "' has list type ",
                        argument.type()->str(), ", which the bridge does not convert");
    }
}

c10::IValue to_ivalue(const vl_arg& arg, const c10::FunctionSchema& schema, const c10::Argument& argument) {
    c10::TypePtr type = argument.type();
    if (type->kind() == c10::TypeKind::OptionalType) {
        if (arg.kind == VL_NONE) return c10::IValue();
        type = type->expectRef<c10::OptionalType>().getElementType();
    } else if (arg.kind == VL_NONE) {
        TORCH_CHECK(false, schema.name(), ": argument '", argument.name(), "' (", type->str(),
                    ") is not optional and cannot be None");
    }
    switch (type->kind()) {
        case c10::TypeKind::TensorType:
            if (arg.kind != VL_TENSOR) bad_argument(schema, argument, "a tensor", arg.kind);
            return c10::IValue(vl::tensor_of(arg.p));
        case c10::TypeKind::IntType:
        case c10::TypeKind::SymIntType:
        case c10::TypeKind::ScalarTypeType:
        case c10::TypeKind::LayoutType:
        case c10::TypeKind::MemoryFormatType:
            if (arg.kind != VL_INT && arg.kind != VL_BOOL) bad_argument(schema, argument, "an int", arg.kind);
            return c10::IValue(arg.i);
        case c10::TypeKind::FloatType:
            if (arg.kind == VL_INT) return c10::IValue(static_cast<double>(arg.i));
            if (arg.kind != VL_DOUBLE) bad_argument(schema, argument, "a float", arg.kind);
            return c10::IValue(arg.d);
        case c10::TypeKind::BoolType:
            if (arg.kind != VL_BOOL && arg.kind != VL_INT) bad_argument(schema, argument, "a bool", arg.kind);
            return c10::IValue(arg.i != 0);
        case c10::TypeKind::NumberType:  // Scalar
            if (arg.kind == VL_INT) return c10::IValue(arg.i);
            if (arg.kind == VL_DOUBLE) return c10::IValue(arg.d);
            if (arg.kind == VL_BOOL) return c10::IValue(arg.i != 0);
            bad_argument(schema, argument, "a number", arg.kind);
        case c10::TypeKind::StringType:
            if (arg.kind != VL_STRING) bad_argument(schema, argument, "a string", arg.kind);
            return c10::IValue(std::string(static_cast<const char*>(arg.p)));
        case c10::TypeKind::DeviceObjType:
            if (arg.kind != VL_DEVICE) bad_argument(schema, argument, "a device", arg.kind);
            return c10::IValue(c10::Device(static_cast<c10::DeviceType>(arg.i), static_cast<c10::DeviceIndex>(arg.n)));
        case c10::TypeKind::ListType:
            return list_value(arg, schema, argument, type->expectRef<c10::ListType>().getElementType());
        default:
            TORCH_CHECK(false, schema.name(), ": argument '", argument.name(), "' has type ", type->str(),
                        ", which the bridge does not convert");
    }
}

void push_result(const c10::IValue& value) {
    vl_arg result{};
    if (value.isTensor()) {
        const auto& tensor = value.toTensor();
        if (tensor.defined()) {
            result.kind = VL_TENSOR;
            result.p = vl::new_handle(tensor);
        }
    } else if (value.isTensorList()) {
        for (const at::Tensor& tensor : value.toTensorList()) push_result(c10::IValue(tensor));
        return;
    } else if (value.isInt()) {
        result.kind = VL_INT;
        result.i = value.toInt();
    } else if (value.isDouble()) {
        result.kind = VL_DOUBLE;
        result.d = value.toDouble();
    } else if (value.isBool()) {
        result.kind = VL_BOOL;
        result.i = value.toBool() ? 1 : 0;
    } else if (value.isScalar()) {
        result.kind = VL_DOUBLE;
        result.d = value.toScalar().toDouble();
    } else if (!value.isNone()) {
        TORCH_CHECK(false, "the bridge cannot return a value of type ", value.tagKind());
    }
    t_results.push_back(result);
}

}  // namespace

// Finds `aten::<name>` with the given overload ("" for the default one). The handle lives for the
// rest of the process.
VL_EXPORT int32_t vl_op_find(const char* name, const char* overload, void** out) {
    VL_GUARD(
        auto handle = c10::Dispatcher::singleton().findSchemaOrThrow(name, overload);
        *out = new c10::OperatorHandle(handle))
}

VL_EXPORT int32_t vl_op_schema(void* op, const char** out) {
    VL_GUARD(
        thread_local std::string text;
        std::ostringstream stream;
        stream << static_cast<c10::OperatorHandle*>(op)->schema();
        text = stream.str();
        *out = text.c_str())
}

// Calls the operator with `count` arguments. Results are valid until the next call on this thread;
// with `discard` set (in-place and out= ops, whose result aliases an input) none are kept.
VL_EXPORT int32_t vl_op_call(void* op, const vl_arg* args, int32_t count, int32_t discard,
                             const vl_arg** results, int32_t* result_count) {
    VL_GUARD(
        const auto& handle = *static_cast<c10::OperatorHandle*>(op);
        const auto& schema = handle.schema();
        const auto& arguments = schema.arguments();
        TORCH_CHECK(static_cast<size_t>(count) <= arguments.size(), schema.name(), " takes ",
                    arguments.size(), " arguments but was given ", count);
        auto& stack = t_stack;
        stack.clear();
        for (size_t k = 0; k < arguments.size(); ++k) {
            if (k < static_cast<size_t>(count)) {
                stack.push_back(to_ivalue(args[k], schema, arguments[k]));
            } else {
                TORCH_CHECK(arguments[k].default_value().has_value(), schema.name(), ": argument '",
                            arguments[k].name(), "' has no default and was not given");
                stack.push_back(*arguments[k].default_value());
            }
        }
        handle.callBoxed(&stack);
        t_results.clear();
        if (!discard) {
            for (const auto& value : stack) push_result(value);
        }
        stack.clear();
        *results = t_results.data();
        *result_count = static_cast<int32_t>(t_results.size()))
}
