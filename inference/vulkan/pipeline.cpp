#include "vulkan/pipeline.h"

#include "hearth/error.h"
#include "hearth/shader_registry.h"
#include "vulkan/device.h"

#include <algorithm>
#include <map>
#include <set>

namespace hearth::vulkan {

std::string PipelineDesc::key() const
{
    std::string key = shader;
    for (uint32_t value : specialization) {
        key += '/';
        key += std::to_string(value);
    }
    key += ":push";
    key += std::to_string(push_constant_size);
    return key;
}

VkDescriptorType descriptor_type(const Binding& binding)
{
    return binding.texels    ? VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER
           : binding.uniform ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER
                             : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
}

std::vector<Binding> reflect_bindings(const uint32_t* words, size_t count)
{
    // Just enough of the SPIR-V grammar: decorations, pointer types and variables.
    enum : uint32_t {
        OpTypeFloat = 22,
        OpTypeImage = 25,
        OpTypeSampledImage = 27,
        OpTypePointer = 32,
        OpVariable = 59,
        OpDecorate = 71,
        OpMemberDecorate = 72,
        DecorationBlock = 2,
        DecorationBufferBlock = 3,
        DecorationNonWritable = 24,
        DecorationBinding = 33,
        DecorationDescriptorSet = 34,
        DimBuffer = 5,
        StorageUniformConstant = 0,
        StorageUniform = 2,
        StorageStorageBuffer = 12,
    };
    if (count < 5 || words[0] != 0x07230203u)
        throw Error("shader is not SPIR-V");
    std::map<uint32_t, uint32_t> binding_of, set_of, pointee_of;
    std::map<uint32_t, uint32_t> storage_of_variable, type_of_variable;
    std::set<uint32_t> non_writable_ids, buffer_blocks, buffer_images, texel_buffers, floats, float_images,
        float_texel_buffers;
    std::map<uint32_t, std::set<uint32_t>> members, non_writable_members;
    for (size_t i = 5; i < count;) {
        const uint32_t length = words[i] >> 16, opcode = words[i] & 0xffffu;
        if (length == 0 || i + length > count)
            throw Error("malformed SPIR-V");
        const uint32_t* op = words + i;
        if (opcode == OpDecorate && length >= 3) {
            if (op[2] == DecorationBinding && length >= 4)
                binding_of[op[1]] = op[3];
            else if (op[2] == DecorationDescriptorSet && length >= 4)
                set_of[op[1]] = op[3];
            else if (op[2] == DecorationNonWritable)
                non_writable_ids.insert(op[1]);
            else if (op[2] == DecorationBufferBlock)
                buffer_blocks.insert(op[1]);
        } else if (opcode == OpMemberDecorate && length >= 4) {
            members[op[1]].insert(op[2]);
            if (op[3] == DecorationNonWritable)
                non_writable_members[op[1]].insert(op[2]);
        } else if (opcode == OpTypeFloat && length >= 2) {
            floats.insert(op[1]);
        } else if (opcode == OpTypeImage && length >= 4) {
            if (op[3] == DimBuffer)
                buffer_images.insert(op[1]);
            if (floats.count(op[2]))
                float_images.insert(op[1]);
        } else if (opcode == OpTypeSampledImage && length >= 3) {
            if (buffer_images.count(op[2]))
                texel_buffers.insert(op[1]);
            if (float_images.count(op[2]))
                float_texel_buffers.insert(op[1]);
        } else if (opcode == OpTypePointer && length >= 4) {
            pointee_of[op[1]] = op[3];
        } else if (opcode == OpVariable && length >= 4) {
            type_of_variable[op[2]] = op[1];
            storage_of_variable[op[2]] = op[3];
        }
        i += length;
    }
    std::vector<Binding> bindings;
    for (const auto& [id, binding] : binding_of) {
        if (set_of.count(id) && set_of[id] != 0)
            throw Error("shader uses descriptor set " + std::to_string(set_of[id]) +
                        "; Hearth uses set 0 only");
        const uint32_t storage = storage_of_variable[id];
        const uint32_t block = pointee_of[type_of_variable[id]];
        Binding b;
        b.binding = binding;
        b.uniform = storage == StorageUniform && !buffer_blocks.count(block);
        b.texels = storage == StorageUniformConstant && texel_buffers.count(block);
        b.float4_texels = b.texels && float_texel_buffers.count(block);
        if (storage != StorageStorageBuffer && storage != StorageUniform && !b.texels)
            throw Error("shader binding " + std::to_string(binding) + " is not a buffer");
        const bool all_members_read_only =
            !members[block].empty() && non_writable_members[block].size() == members[block].size();
        b.writes = !b.uniform && !b.texels && !non_writable_ids.count(id) && !all_members_read_only;
        bindings.push_back(b);
    }
    std::sort(bindings.begin(), bindings.end(),
              [](const Binding& a, const Binding& b) { return a.binding < b.binding; });
    for (size_t i = 0; i < bindings.size(); ++i)
        if (bindings[i].binding != i)
            throw Error("shader bindings must be numbered 0, 1, 2, ... without gaps");
    return bindings;
}

Pipeline::Pipeline(const Device& device, const PipelineDesc& desc)
    : m_device(device), m_name(desc.shader), m_push_constant_size(desc.push_constant_size)
{
    const std::span<const uint32_t> spirv = find_shader(desc.shader);
    if (spirv.empty())
        throw Error("no shader variant named '" + desc.shader +
                    "' is built into Hearth (shaders/CMakeLists.txt)");
    m_bindings = reflect_bindings(spirv.data(), spirv.size());
    if (desc.push_constant_size > device.limits().maxPushConstantsSize)
        throw Error(desc.shader + ": " + std::to_string(desc.push_constant_size) +
                    " bytes of push constants exceed the device's limit of " +
                    std::to_string(device.limits().maxPushConstantsSize));
    const Functions& vk = device.vk();

    std::vector<VkDescriptorSetLayoutBinding> layout_bindings;
    for (const Binding& b : m_bindings) {
        VkDescriptorSetLayoutBinding lb{};
        lb.binding = b.binding;
        lb.descriptorType = descriptor_type(b);
        lb.descriptorCount = 1;
        lb.stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
        layout_bindings.push_back(lb);
    }
    VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set_info.bindingCount = uint32_t(layout_bindings.size());
    set_info.pBindings = layout_bindings.data();
    check(vk.vkCreateDescriptorSetLayout(device.handle(), &set_info, nullptr, &m_set_layout),
          "creating a descriptor set layout");

    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, desc.push_constant_size};
    VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &m_set_layout;
    layout_info.pushConstantRangeCount = desc.push_constant_size ? 1 : 0;
    layout_info.pPushConstantRanges = &push;
    check(vk.vkCreatePipelineLayout(device.handle(), &layout_info, nullptr, &m_layout),
          "creating a pipeline layout");

    VkShaderModuleCreateInfo module_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    module_info.codeSize = spirv.size() * sizeof(uint32_t);
    module_info.pCode = spirv.data();
    VkShaderModule module = VK_NULL_HANDLE;
    check(vk.vkCreateShaderModule(device.handle(), &module_info, nullptr, &module),
          "creating a shader module");

    std::vector<VkSpecializationMapEntry> entries;
    for (uint32_t i = 0; i < desc.specialization.size(); ++i)
        entries.push_back({i, i * uint32_t(sizeof(uint32_t)), sizeof(uint32_t)});
    VkSpecializationInfo specialization{uint32_t(entries.size()), entries.data(),
                                        desc.specialization.size() * sizeof(uint32_t),
                                        desc.specialization.data()};
    VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    info.stage.module = module;
    info.stage.pName = "main";
    info.stage.pSpecializationInfo = entries.empty() ? nullptr : &specialization;
    info.layout = m_layout;
    const VkResult result =
        vk.vkCreateComputePipelines(device.handle(), device.pipeline_cache(), 1, &info, nullptr, &m_pipeline);
    vk.vkDestroyShaderModule(device.handle(), module, nullptr);
    check(result, ("creating the compute pipeline " + desc.shader).c_str());
}

Pipeline::~Pipeline()
{
    const Functions& vk = m_device.vk();
    if (m_pipeline)
        vk.vkDestroyPipeline(m_device.handle(), m_pipeline, nullptr);
    if (m_layout)
        vk.vkDestroyPipelineLayout(m_device.handle(), m_layout, nullptr);
    if (m_set_layout)
        vk.vkDestroyDescriptorSetLayout(m_device.handle(), m_set_layout, nullptr);
}

} // namespace hearth::vulkan
