#include "ops/matvec.h"

#include <algorithm>

namespace hearth::ops {

void matvec(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
            const MatvecOptions& options)
{
    matvec_batch(recorder, weights, x, y, 1, options);
}

void matvec_batch(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
                  uint32_t tokens, const MatvecOptions& options)
{
    const char* op = "matvec";
    vulkan::Device& device = recorder.device();
    require(tokens > 0, op, "no tokens");
    require_elements(op, "x", x, uint64_t(weights.k) * tokens);
    require_elements(op, "y", y, uint64_t(weights.rows) * tokens);

    bool subgroup = device.subgroup_arithmetic();
    require(options.reduction != MatvecOptions::Reduction::Subgroup || subgroup, op,
            "the device has no subgroup arithmetic");
    if (options.reduction == MatvecOptions::Reduction::SharedMemory)
        subgroup = false;
    const bool cpu = device.info().type == DeviceType::Cpu;
    using Reads = MatvecOptions::Reads;
    require(options.reads != Reads::TexelBuffers || subgroup, op, "texel-buffer reads need the subgroup reduction");
    const bool texels = options.reads == Reads::TexelBuffers || (options.reads == Reads::Auto && cpu && subgroup);
    // On a CPU device (lavapipe) a subgroup is one SIMD register and every load a loop over its
    // lanes: a workgroup of one subgroup needs no cross-subgroup reduction (the texel variant
    // assumes it and so has no barrier), and 8 rows per workgroup share each load of x. On a GPU
    // a workgroup covers at least 32 runs of a row; on 32- and 64-wide GPUs that is one subgroup.
    const uint32_t workgroup = options.workgroup_size ? options.workgroup_size
                               : cpu || texels        ? device.subgroup_size()
                                                      : std::max(32u, device.subgroup_size());
    require((workgroup & (workgroup - 1)) == 0 && workgroup <= device.limits().maxComputeWorkGroupInvocations, op,
            "workgroup size " + std::to_string(workgroup) + " is not a supported power of two");
    require(!texels || workgroup == device.subgroup_size(), op,
            "texel-buffer reads run workgroups of exactly one subgroup (" +
                std::to_string(device.subgroup_size()) + " invocations)");
    const uint32_t rows_per_group = options.rows_per_workgroup ? options.rows_per_workgroup : cpu ? 8 : 2;
    // Tokens per dispatch: a power of two, so a few pipelines serve every prompt length. On a
    // CPU device 16 (with 8 rows) measured best: 4096x4096 q4_K x 32 tokens at 5.6 GFLOP/s,
    // against 4.8 with 8 tokens and 2.4 for the tiled matmul.
    uint32_t group_tokens = 1;
    while (group_tokens < std::min(tokens, cpu ? 16u : 4u))
        group_tokens *= 2;

    struct {
        uint32_t k, m, weight_offset, x_offset, y_offset, n, x_stride, y_stride;
    } push{};
    const std::string name = weight_pipeline_name(op, weights.type) + (texels ? "_texels" : subgroup ? "" : "_shared");
    const vulkan::Pipeline& pipeline =
        device.pipeline({name, {workgroup, rows_per_group, group_tokens}, uint32_t(sizeof push)});
    AlignedBinding xb = align_binding(device, x, 16, op, "x", texels);
    if (texels) // a view of whole vec4 texels
        xb.slice.size -= xb.slice.size % 16;
    const AlignedBinding yb = align_binding(device, y, 4, op, "y");
    require(uint64_t(weights.k) / 4 * tokens + xb.offset <= UINT32_MAX &&
                uint64_t(weights.rows) * tokens + yb.offset <= UINT32_MAX,
            op, "too many tokens for 32-bit indexing: " + std::to_string(tokens) + " x " + describe(weights));
    uint32_t max_rows = device.limits().maxComputeWorkGroupCount[0] * rows_per_group;
    if (options.rows_per_dispatch)
        max_rows = std::min(max_rows, options.rows_per_dispatch);
    for (const WeightChunk& chunk : weight_chunks(device, weights, max_rows, op, texels)) {
        for (uint32_t first = 0; first < tokens; first += group_tokens) {
            push = {weights.k,
                    chunk.row_count,
                    chunk.weight_offset,
                    xb.offset + first * (weights.k / 4),
                    yb.offset + first * weights.rows + chunk.first_row,
                    std::min(group_tokens, tokens - first),
                    weights.k / 4,
                    weights.rows};
            recorder.dispatch(pipeline, {chunk.slice, xb.slice, yb.slice}, push,
                              {uint32_t(ceil_div(chunk.row_count, rows_per_group)), 1, 1});
        }
    }
}

} // namespace hearth::ops
