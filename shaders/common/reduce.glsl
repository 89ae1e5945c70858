// Workgroup-wide sum and max of one float per invocation; every invocation gets the result.
// With -DSUBGROUPS the subgroup reduces in registers and only one value per subgroup goes
// through shared memory; without, a shared-memory tree (workgroup size must be a power of two).
// All invocations of the workgroup must call these (they contain barriers).
#ifdef SUBGROUPS
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

shared float reduce_scratch[gl_WorkGroupSize.x];

#ifdef SUBGROUPS
float workgroup_sum(float value)
{
    value = subgroupAdd(value);
    if (subgroupElect())
        reduce_scratch[gl_SubgroupID] = value;
    barrier();
    float total = 0.0;
    for (uint i = 0; i < gl_NumSubgroups; ++i)
        total += reduce_scratch[i];
    barrier(); // the scratch is free again for the next reduction
    return total;
}

float workgroup_max(float value)
{
    value = subgroupMax(value);
    if (subgroupElect())
        reduce_scratch[gl_SubgroupID] = value;
    barrier();
    float result = reduce_scratch[0];
    for (uint i = 1; i < gl_NumSubgroups; ++i)
        result = max(result, reduce_scratch[i]);
    barrier();
    return result;
}
#else
float workgroup_sum(float value)
{
    const uint id = gl_LocalInvocationID.x;
    reduce_scratch[id] = value;
    barrier();
    for (uint stride = gl_WorkGroupSize.x / 2; stride > 0; stride >>= 1) {
        if (id < stride)
            reduce_scratch[id] += reduce_scratch[id + stride];
        barrier();
    }
    const float total = reduce_scratch[0];
    barrier();
    return total;
}

float workgroup_max(float value)
{
    const uint id = gl_LocalInvocationID.x;
    reduce_scratch[id] = value;
    barrier();
    for (uint stride = gl_WorkGroupSize.x / 2; stride > 0; stride >>= 1) {
        if (id < stride)
            reduce_scratch[id] = max(reduce_scratch[id], reduce_scratch[id + stride]);
        barrier();
    }
    const float result = reduce_scratch[0];
    barrier();
    return result;
}
#endif

// The row a workgroup handles when rows are spread over a 2D grid (more than 65535 rows).
uint workgroup_row()
{
    return gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
}
