#include "ops/pool.h"

namespace hearth::ops {

void pool(Recorder& recorder, const BufferSlice& x, const BufferSlice& sequences, const BufferSlice& y,
          uint32_t sequence_count, uint32_t n, reference::Pooling pooling, bool normalize)
{
    const char* op = "pool";
    require(sequence_count > 0 && n > 0, op,
            "empty shape [" + std::to_string(sequence_count) + " x " + std::to_string(n) + "]");
    require_elements(op, "x", x, n);
    require_elements(op, "sequences", sequences, uint64_t(sequence_count) * 2);
    require_elements(op, "y", y, uint64_t(sequence_count) * n);
    vulkan::Device& device = recorder.device();
    const vulkan::Pipeline& pipeline =
        device.pipeline({reduction_variant(device, op), {row_workgroup_size(device, n)}, 16});
    struct {
        uint32_t sequences, n, pooling, normalize;
    } push{sequence_count, n, uint32_t(pooling), normalize ? 1u : 0u};
    recorder.dispatch(pipeline, {x, sequences, y}, push, grid(device, op, sequence_count));
}

} // namespace hearth::ops
