#include "ops/elementwise.h"

#include <algorithm>
#include <vector>

namespace hearth::ops {

namespace {

constexpr uint32_t kWorkgroup = 256;

struct Push {
    uint32_t n;
    float factor;
    uint32_t y_offset, row, stride;
};

// Runs `shader` over n elements of the given inputs and output, in pieces no binding of which
// exceeds maxStorageBufferRange.
void elementwise(Recorder& recorder, const char* shader, std::vector<BufferSlice> inputs,
                 const BufferSlice& y, uint64_t n, float factor)
{
    require(n > 0, shader, "empty shape [0]");
    for (const BufferSlice& input : inputs)
        require_elements(shader, "input", input, n);
    require_elements(shader, "y", y, n);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline = device.pipeline({shader, {kWorkgroup}, sizeof(Push)});
    const VkPhysicalDeviceLimits& limits = device.limits();
    const uint64_t alignment = std::max<uint64_t>(limits.minStorageBufferOffsetAlignment, 4);
    const uint64_t piece = (limits.maxStorageBufferRange / alignment) * alignment / 4; // elements
    for (uint64_t done = 0; done < n; done += piece) {
        const uint64_t count = std::min(piece, n - done);
        const Push push{uint32_t(count), factor, 0, 0, 0};
        const BufferSlice out = y.sub(done * 4, count * 4);
        const auto groups = grid(device, shader, ceil_div(count, kWorkgroup));
        if (inputs.size() == 1)
            recorder.dispatch(pipeline, {inputs[0].sub(done * 4, count * 4), out}, push, groups);
        else
            recorder.dispatch(pipeline,
                              {inputs[0].sub(done * 4, count * 4), inputs[1].sub(done * 4, count * 4), out},
                              push, groups);
    }
}

} // namespace

void add(Recorder& recorder, const BufferSlice& a, const BufferSlice& b, const BufferSlice& y, uint64_t n)
{
    elementwise(recorder, "add", {a, b}, y, n, 0.0f);
}

void add_row(Recorder& recorder, const BufferSlice& x, const BufferSlice& row, const BufferSlice& y, uint32_t rows,
             uint32_t n)
{
    const char* op = "add_row";
    const uint64_t total = uint64_t(rows) * n;
    require(total > 0, op, "empty shape [" + std::to_string(rows) + " x " + std::to_string(n) + "]");
    require(total <= UINT32_MAX, op, "too many values for 32-bit indexing");
    require_elements(op, "x", x, total);
    require_elements(op, "row", row, n);
    require_elements(op, "y", y, total);
    vulkan::Device& device = recorder.device();
    const Push push{uint32_t(total), 0.0f, 0, n, 0};
    recorder.dispatch(device.pipeline({op, {kWorkgroup}, sizeof(Push)}), {x, row, y}, push,
                      grid(device, op, ceil_div(total, kWorkgroup)));
}

void scale(Recorder& recorder, const BufferSlice& x, float factor, const BufferSlice& y, uint64_t n)
{
    elementwise(recorder, "scale", {x}, y, n, factor);
}

void gelu(Recorder& recorder, const BufferSlice& x, const BufferSlice& y, uint64_t n)
{
    elementwise(recorder, "gelu", {x}, y, n, 0.0f);
}

void softcap(Recorder& recorder, const BufferSlice& x, float cap, const BufferSlice& y, uint64_t n)
{
    require(cap > 0.0f, "softcap", "the cap must be positive");
    elementwise(recorder, "softcap", {x}, y, n, cap);
}

void silu_gate(Recorder& recorder, const BufferSlice& gate, const BufferSlice& up, const BufferSlice& y,
               uint64_t n)
{
    elementwise(recorder, "silu_gate", {gate, up}, y, n, 0.0f);
}

void gelu_gate(Recorder& recorder, const BufferSlice& gate, const BufferSlice& up, const BufferSlice& y,
               uint64_t n)
{
    elementwise(recorder, "gelu_gate", {gate, up}, y, n, 0.0f);
}

void copy_to_f16(Recorder& recorder, const BufferSlice& x, const BufferSlice& y, uint64_t n,
                 uint64_t y_offset)
{
    const char* op = "copy_to_f16";
    require(n > 0, op, "empty shape [0]");
    require_elements(op, "x", x, n);
    require_elements(op, "y", y, y_offset + n, 2);
    require(y_offset + n <= UINT32_MAX, op, "destination offset too large for 32-bit indexing");
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline = device.pipeline({op, {kWorkgroup}, sizeof(Push)});
    const Push push{uint32_t(n), 0.0f, uint32_t(y_offset), 0, 0};
    recorder.dispatch(pipeline, {x, y}, push, grid(device, op, ceil_div(n, kWorkgroup)));
}

void copy_rows_to_f16(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
                      const BufferSlice& y, uint32_t rows, uint32_t row, uint32_t stride, uint64_t y_offset)
{
    const char* op = "copy_rows_to_f16";
    const std::string shape =
        "[" + std::to_string(rows) + " x " + std::to_string(row) + "], stride " + std::to_string(stride);
    require(rows > 0 && row > 0, op, "empty shape " + shape);
    require(stride >= row, op, "rows overlap: " + shape);
    require_elements(op, "x", x, uint64_t(rows) * row);
    require_elements(op, "positions", positions, rows);
    // Positions are GPU data; the destination must hold a row at any position it can name.
    const uint64_t capacity = (y.size / 2 - std::min<uint64_t>(y.size / 2, y_offset)) / stride;
    require(capacity > 0 && y_offset + capacity * stride <= UINT32_MAX, op,
            "the destination holds no row of " + shape);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline = device.pipeline({op, {kWorkgroup}, sizeof(Push)});
    const uint64_t n = uint64_t(rows) * row;
    const Push push{uint32_t(n), 0.0f, uint32_t(y_offset), row, stride};
    recorder.dispatch(pipeline, {x, positions, y}, push, grid(device, op, ceil_div(n, kWorkgroup)));
}

void softmax(Recorder& recorder, const BufferSlice& x, const BufferSlice& y, uint32_t rows, uint32_t n)
{
    const char* op = "softmax";
    require(rows > 0 && n > 0, op, "empty shape [" + std::to_string(rows) + " x " + std::to_string(n) + "]");
    require_elements(op, "x", x, uint64_t(rows) * n);
    require_elements(op, "y", y, uint64_t(rows) * n);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline =
        device.pipeline({reduction_variant(device, op), {row_workgroup_size(device, n)}, 8});
    const uint32_t push[2] = {rows, n};
    recorder.dispatch(pipeline, {x, y}, push, grid(device, op, rows));
}

void argmax(Recorder& recorder, const BufferSlice& x, const BufferSlice& index, uint32_t rows, uint32_t n)
{
    const char* op = "argmax";
    require(rows > 0 && n > 0, op, "empty shape [" + std::to_string(rows) + " x " + std::to_string(n) + "]");
    require_elements(op, "x", x, uint64_t(rows) * n);
    require_elements(op, "index", index, rows);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline = device.pipeline({op, {row_workgroup_size(device, n)}, 8});
    const uint32_t push[2] = {rows, n};
    recorder.dispatch(pipeline, {x, index}, push, grid(device, op, rows));
}

} // namespace hearth::ops
