#include "ops/matmul.h"

#include "ops/matvec.h"

namespace hearth::ops {

namespace {

// The output tile of one workgroup (BM x BN in shaders/matmul.comp).
constexpr uint32_t tile_rows = 64;
constexpr uint32_t tile_tokens = 32;

} // namespace

void matmul(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
            uint32_t tokens, const MatmulOptions& options)
{
    const char* op = "matmul";
    vulkan::Device& device = recorder.device();
    const std::string shape = std::to_string(tokens) + " tokens x " + describe(weights) + " matrix: ";
    require(tokens > 0, op, shape + "no tokens");
    require_elements(op, "x", x, uint64_t(weights.k) * tokens);
    require_elements(op, "y", y, uint64_t(weights.rows) * tokens);
    const uint32_t max_rows = device.limits().maxComputeWorkGroupCount[0] * tile_rows;
    const std::vector<WeightChunk> chunks = weight_chunks(device, weights, max_rows, op); // checks the shape
    const bool batched = options.kernel == MatmulOptions::Kernel::Batched ||
                         (options.kernel == MatmulOptions::Kernel::Auto &&
                          (device.info().type == DeviceType::Cpu || tokens <= 4));
    if (batched) {
        matvec_batch(recorder, weights, x, y, tokens);
        return;
    }
    const uint64_t token_groups = ceil_div(tokens, tile_tokens);
    require(token_groups <= device.limits().maxComputeWorkGroupCount[1], op,
            shape + "too many tokens for one dispatch; split the batch");

    struct {
        uint32_t k, m, n, weight_offset, x_offset, y_offset, y_stride;
    } push{};
    const vulkan::Pipeline& pipeline = device.pipeline({weight_pipeline_name(op, weights.type), {}, uint32_t(sizeof push)});
    const AlignedBinding xb = align_binding(device, x, 16, op, "x");
    const AlignedBinding yb = align_binding(device, y, 4, op, "y");
    for (const WeightChunk& chunk : chunks) {
        push = {weights.k,  chunk.row_count, tokens, chunk.weight_offset, xb.offset, yb.offset + chunk.first_row,
                weights.rows};
        recorder.dispatch(pipeline, {chunk.slice, xb.slice, yb.slice}, push,
                          {uint32_t(ceil_div(chunk.row_count, tile_rows)), uint32_t(token_groups), 1});
    }
}

} // namespace hearth::ops
