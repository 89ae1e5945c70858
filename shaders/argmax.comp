#version 450
// argmax of each row: index[r] = the smallest i with x[r][i] == max_i x[r][i] (greedy sampling).
// Bindings: 0 = x (f32, rows x n), 1 = index (u32, rows).
// Push constants: rows, n. Specialization: 0 = workgroup size (a power of two).
// One workgroup per row; each invocation keeps its best (value, index), then a shared-memory
// tree keeps the larger value, and the smaller index on ties.
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) writeonly buffer Index { uint index[]; };
layout(push_constant) uniform Params { uint rows; uint n; } p;

shared float best_value[gl_WorkGroupSize.x];
shared uint best_index[gl_WorkGroupSize.x];

void main()
{
    const uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (row >= p.rows)
        return;
    const uint id = gl_LocalInvocationID.x;
    const uint base = row * p.n;
    float value = uintBitsToFloat(0xff800000u); // -inf
    uint at = 0xffffffffu;
    for (uint i = id; i < p.n; i += gl_WorkGroupSize.x) {
        if (x[base + i] > value || at == 0xffffffffu) {
            value = x[base + i];
            at = i;
        }
    }
    best_value[id] = value;
    best_index[id] = at;
    barrier();
    for (uint stride = gl_WorkGroupSize.x / 2; stride > 0; stride >>= 1) {
        if (id < stride) {
            const float other = best_value[id + stride];
            const uint other_at = best_index[id + stride];
            if (other_at != 0xffffffffu &&
                (best_index[id] == 0xffffffffu || other > best_value[id] ||
                 (other == best_value[id] && other_at < best_index[id]))) {
                best_value[id] = other;
                best_index[id] = other_at;
            }
        }
        barrier();
    }
    if (id == 0)
        index[row] = best_index[0];
}
