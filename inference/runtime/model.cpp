// Model: a loaded GGUF file, its config and tokenizer, and its weights on a device.
#include "runtime/model.h"

#include "runtime/session.h"

#include <algorithm>

namespace hearth {

Model::Model(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Model::~Model() = default;

const std::string& Model::path() const { return m_impl->path; }
const std::string& Model::architecture() const { return m_impl->config.architecture; }
const std::string& Model::name() const { return m_impl->config.name; }
uint32_t Model::vocab_size() const { return m_impl->config.vocab_size; }
uint32_t Model::trained_context_length() const { return m_impl->config.context_length; }
uint64_t Model::weight_bytes() const { return m_impl->weight_bytes; }
std::string Model::device_name() const { return m_impl->backend->device_name(); }
uint64_t Model::weights_in_system_memory() const { return m_impl->backend->system_memory_bytes(); }
const Tokenizer& Model::tokenizer() const { return m_impl->tokenizer; }
const GgufFile& Model::file() const { return m_impl->file; }

std::unique_ptr<Session> Model::create_session(const SessionOptions& options)
{
    const uint32_t context = std::max<uint32_t>(2, std::min(options.context_length, m_impl->config.context_length));
    const uint32_t batch = std::clamp<uint32_t>(options.batch_size, 1, context);
    auto impl = std::make_unique<Session::Impl>(*m_impl, m_impl->backend->create_session(context, batch), context,
                                                batch);
    return std::make_unique<Session>(std::move(impl));
}

} // namespace hearth
