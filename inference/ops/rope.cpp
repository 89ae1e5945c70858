#include "ops/rope.h"

#include "hearth/error.h"

namespace hearth::ops {

namespace {

void record_rope(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
                 const BufferSlice& freq_factors, const BufferSlice& y, uint32_t tokens, uint32_t heads,
                 const reference::RopeParams& params, uint64_t y_offset, bool f16_output,
                 uint32_t cache_stride)
{
    const char* op = "rope";
    const uint64_t head_dim = params.head_dim, rotary_dims = params.rotary_dims;
    const std::string shape = "[" + std::to_string(tokens) + " tokens x " + std::to_string(heads) +
                              " heads x " + std::to_string(head_dim) + "], rotary_dims " +
                              std::to_string(rotary_dims);
    require(tokens > 0 && heads > 0 && head_dim > 0, op, "empty shape " + shape);
    require(head_dim % 2 == 0 && rotary_dims % 2 == 0 && rotary_dims > 0 && rotary_dims <= head_dim, op,
            "unsupported shape " + shape +
                ": head_dim and rotary_dims must be even, 0 < rotary_dims <= head_dim");
    require(params.freq_base > 0.0f, op, "freq_base must be positive");
    require(params.llama3_factor == 0.0f ||
                (params.llama3_high_freq_factor != params.llama3_low_freq_factor &&
                 params.llama3_low_freq_factor > 0.0f && params.llama3_high_freq_factor > 0.0f),
            op, "Llama-3 scaling needs distinct, positive low and high frequency factors");
    const uint64_t elements = uint64_t(tokens) * heads * head_dim;
    require_elements(op, "x", x, elements);
    require_elements(op, "positions", positions, tokens);
    if (cache_stride == 0) {
        require_elements(op, "y", y, y_offset + elements, f16_output ? 2 : 4);
        require(y_offset + elements <= UINT32_MAX, op, "output offset too large");
    } else {
        require(cache_stride >= heads * head_dim, op,
                "cache rows of " + std::to_string(cache_stride) + " elements cannot hold " + shape);
        require(y.size / 2 >= y_offset + cache_stride && y.size / 2 <= UINT32_MAX, op,
                "the cache holds no row of " + shape + " (or too many for 32-bit indexing)");
    }
    const bool has_freq_factors = freq_factors.buffer != VK_NULL_HANDLE;
    if (has_freq_factors)
        require_elements(op, "freq_factors", freq_factors, rotary_dims / 2);

    vulkan::Device& device = recorder.device();
    const uint32_t workgroup = 256;
    struct {
        uint32_t tokens, heads, head_dim, rotary_dims, neox, has_freq_factors, y_offset;
        float freq_base, freq_scale, llama3_factor, llama3_low_freq_factor, llama3_high_freq_factor,
            llama3_original_context;
        uint32_t cache_stride;
    } push{tokens,
           heads,
           uint32_t(head_dim),
           uint32_t(rotary_dims),
           params.layout == reference::RopeLayout::NeoX,
           has_freq_factors,
           uint32_t(y_offset),
           params.freq_base,
           params.freq_scale,
           params.llama3_factor,
           params.llama3_low_freq_factor,
           params.llama3_high_freq_factor,
           params.llama3_original_context,
           cache_stride};
    const vulkan::Pipeline& pipeline =
        device.pipeline({f16_output ? "rope_f16" : "rope", {workgroup}, uint32_t(sizeof push)});
    const uint64_t items = uint64_t(tokens) * heads * (head_dim / 2);
    recorder.dispatch(pipeline, {x, positions, has_freq_factors ? freq_factors : x, y}, push,
                      grid(device, op, ceil_div(items, workgroup)));
}

} // namespace

void rope(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
          const BufferSlice& freq_factors, const BufferSlice& y, uint32_t tokens, uint32_t heads,
          const reference::RopeParams& params, uint64_t y_offset, bool f16_output)
{
    record_rope(recorder, x, positions, freq_factors, y, tokens, heads, params, y_offset, f16_output, 0);
}

void rope_into_cache(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
                     const BufferSlice& freq_factors, const BufferSlice& cache, uint32_t tokens,
                     uint32_t heads, const reference::RopeParams& params, uint32_t cache_stride,
                     uint64_t cache_offset)
{
    if (cache_stride == 0)
        throw Error("rope: cache_stride must not be 0");
    record_rope(recorder, x, positions, freq_factors, cache, tokens, heads, params, cache_offset, true,
                cache_stride);
}

} // namespace hearth::ops
