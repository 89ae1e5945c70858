#include "ops/get_rows.h"

#include <limits>

namespace hearth::ops {

void get_rows(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& ids, const BufferSlice& out,
              uint32_t count)
{
    const char* op = "get_rows";
    vulkan::Device& device = recorder.device();
    const std::string shape = std::to_string(count) + " rows of a " + describe(weights) + " matrix: ";
    require(count > 0, op, shape + "no rows asked for");
    require(count <= device.limits().maxComputeWorkGroupCount[1], op,
            shape + "too many rows for one dispatch; split the batch");
    require_elements(op, "ids", ids, count);
    require_elements(op, "out", out, uint64_t(count) * weights.k);

    constexpr uint32_t workgroup = 64;
    struct {
        uint32_t k, first_row, row_count, weight_offset, ids_offset, out_offset;
    } push{};
    const vulkan::Pipeline& pipeline =
        device.pipeline({weight_pipeline_name(op, weights.type), {workgroup}, uint32_t(sizeof push)});
    const AlignedBinding ib = align_binding(device, ids, 4, op, "ids");
    const AlignedBinding ob = align_binding(device, out, 16, op, "out");
    // A thread decodes STEP (4 or 8) values; groups for steps of 4 always cover the row.
    const uint32_t step_groups = uint32_t(ceil_div(weights.k / 4, workgroup));
    for (const WeightChunk& chunk : weight_chunks(device, weights, std::numeric_limits<uint32_t>::max(), op)) {
        push = {weights.k, chunk.first_row, chunk.row_count, chunk.weight_offset, ib.offset, ob.offset};
        recorder.dispatch(pipeline, {chunk.slice, ib.slice, ob.slice}, push, {step_groups, count, 1});
    }
}

} // namespace hearth::ops
