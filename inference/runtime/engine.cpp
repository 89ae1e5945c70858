// Engine: picks the compute device and loads models onto it.
#include "hearth/engine.h"

#include "hearth/error.h"
#include "runtime/model.h"
#include "vulkan/device.h"

namespace hearth {

struct Engine::Impl {
    std::unique_ptr<vulkan::Device> device; // null: the CPU reference
};

Engine::Engine(const std::string& device) : m_impl(std::make_unique<Impl>())
{
    if (device != "reference")
        m_impl->device = std::make_unique<vulkan::Device>(device);
}

Engine::~Engine() = default;

std::string Engine::device_name() const
{
    return m_impl->device ? m_impl->device->info().name : "reference";
}

bool Engine::is_reference() const
{
    return !m_impl->device;
}

std::unique_ptr<Model> Engine::load(const std::string& path, const LoadOptions& options)
{
    GgufFile file = GgufFile::open(path);
    ModelConfig config = read_model_config(file);
    ModelWeights weights = bind_model_weights(file, config);
    Tokenizer tokenizer = Tokenizer::from_gguf(file);
    auto impl = std::make_unique<Model::Impl>(
        Model::Impl{path, std::move(file), std::move(config), std::move(weights), std::move(tokenizer), 0, nullptr});
    for (const GgufTensor& tensor : impl->file.tensors())
        impl->weight_bytes += tensor.bytes;
    if (m_impl->device) {
        const MemoryPlan plan = plan_memory(estimate_memory(impl->config, impl->weights),
                                            device_memory(*m_impl->device), m_impl->device->info().name);
        impl->backend = make_vulkan_backend(*m_impl->device, impl->config, impl->weights, plan, options.progress);
    } else {
        impl->backend = make_reference_backend(impl->config, impl->weights);
        if (options.progress && !options.progress(1.0))
            throw Error("loading cancelled");
    }
    return std::make_unique<Model>(std::move(impl));
}

} // namespace hearth
