#include "ops/norm.h"

namespace hearth::ops {

void rms_norm(Recorder& recorder, const BufferSlice& x, const BufferSlice& weight, const BufferSlice& y,
              uint32_t rows, uint32_t n, float eps)
{
    const char* op = "rms_norm";
    const std::string shape = "[" + std::to_string(rows) + " x " + std::to_string(n) + "]";
    require(rows > 0 && n > 0, op, "empty shape " + shape);
    require_elements(op, "x", x, uint64_t(rows) * n);
    require_elements(op, "weight", weight, n);
    require_elements(op, "y", y, uint64_t(rows) * n);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline =
        device.pipeline({reduction_variant(device, op), {row_workgroup_size(device, n)}, 12});
    struct {
        uint32_t rows, n;
        float eps;
    } push{rows, n, eps};
    recorder.dispatch(pipeline, {x, weight, y}, push, grid(device, op, rows));
}

void layer_norm(Recorder& recorder, const BufferSlice& x, const BufferSlice& weight, const BufferSlice& bias,
                const BufferSlice& y, uint32_t rows, uint32_t n, float eps)
{
    const char* op = "layer_norm";
    const std::string shape = "[" + std::to_string(rows) + " x " + std::to_string(n) + "]";
    require(rows > 0 && n > 0, op, "empty shape " + shape);
    require_elements(op, "x", x, uint64_t(rows) * n);
    require_elements(op, "y", y, uint64_t(rows) * n);
    const bool has_weight = weight.buffer != VK_NULL_HANDLE, has_bias = bias.buffer != VK_NULL_HANDLE;
    if (has_weight)
        require_elements(op, "weight", weight, n);
    if (has_bias)
        require_elements(op, "bias", bias, n);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline =
        device.pipeline({reduction_variant(device, op), {row_workgroup_size(device, n)}, 20});
    struct {
        uint32_t rows, n;
        float eps;
        uint32_t has_weight, has_bias;
    } push{rows, n, eps, has_weight, has_bias};
    // An absent weight or bias binds x in its place; the shader does not read it.
    recorder.dispatch(pipeline, {x, has_weight ? weight : x, has_bias ? bias : x, y}, push,
                      grid(device, op, rows));
}

} // namespace hearth::ops
