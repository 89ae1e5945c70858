// Model: a loaded GGUF file, its config and tokenizer, and its weights on a device.
#include "runtime/model.h"

#include "hearth/error.h"
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
bool Model::is_embedding_model() const { return !m_impl->config.causal; }
uint32_t Model::embedding_length() const { return m_impl->config.embedding_length; }

namespace {

std::pair<uint32_t, uint32_t> context_and_batch(const ModelConfig& config, const SessionOptions& options)
{
    const uint32_t context = std::max<uint32_t>(2, std::min(options.context_length, config.context_length));
    return {context, std::clamp<uint32_t>(options.batch_size, 1, context)};
}

} // namespace

uint64_t Model::session_bytes(const SessionOptions& options) const
{
    const auto [context, batch] = context_and_batch(m_impl->config, options);
    return kv_cache_bytes(m_impl->config, context) + activation_bytes(m_impl->config, batch);
}

uint64_t Model::free_session_memory() const { return m_impl->backend->free_session_memory(); }

std::unique_ptr<Session> Model::create_session(const SessionOptions& options)
{
    if (is_embedding_model())
        throw Error(name() + " is an embedding model (" + architecture() +
                    "): it turns text into vectors for search and cannot chat or write text; choose a text "
                    "generation model");
    const auto [context, batch] = context_and_batch(m_impl->config, options);
    auto impl = std::make_unique<Session::Impl>(*m_impl, m_impl->backend->create_session(context, batch), context,
                                                batch);
    return std::make_unique<Session>(std::move(impl));
}

} // namespace hearth
