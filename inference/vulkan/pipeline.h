#pragma once
// Compute pipelines made from the embedded SPIR-V (hearth::find_shader). The descriptor layout
// and which bindings a shader writes are read from the SPIR-V itself, so the recorder can place
// barriers without each op restating its access pattern.
#include "vulkan/functions.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::vulkan {

class Device;

struct PipelineDesc {
    std::string shader;                   // pipeline name in the variant table, e.g. "rms_norm"
    std::vector<uint32_t> specialization; // value of constant_id 0, 1, 2, ... (floats bit-cast)
    uint32_t push_constant_size = 0;      // bytes; must match the shader's push_constant block

    std::string key() const;
};

struct Binding {
    uint32_t binding = 0;
    bool uniform = false; // uniform buffer rather than storage buffer
    bool texels = false;  // uniform texel buffer: usamplerBuffer (R32_UINT view) or samplerBuffer
    bool float4_texels = false; // a samplerBuffer, viewed as R32G32B32A32_SFLOAT
    bool writes = false;  // the shader may write it (not declared readonly)
};

VkDescriptorType descriptor_type(const Binding& binding);

// What a SPIR-V module declares: its descriptor bindings (set 0), sorted by binding number.
std::vector<Binding> reflect_bindings(const uint32_t* words, size_t count);

class Pipeline {
  public:
    Pipeline(const Device& device, const PipelineDesc& desc);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    const std::string& name() const { return m_name; }
    VkPipeline handle() const { return m_pipeline; }
    VkPipelineLayout layout() const { return m_layout; }
    VkDescriptorSetLayout set_layout() const { return m_set_layout; }
    const std::vector<Binding>& bindings() const { return m_bindings; }
    uint32_t push_constant_size() const { return m_push_constant_size; }

  private:
    const Device& m_device;
    std::string m_name;
    std::vector<Binding> m_bindings;
    uint32_t m_push_constant_size = 0;
    VkDescriptorSetLayout m_set_layout = VK_NULL_HANDLE;
    VkPipelineLayout m_layout = VK_NULL_HANDLE;
    VkPipeline m_pipeline = VK_NULL_HANDLE;
};

} // namespace hearth::vulkan
