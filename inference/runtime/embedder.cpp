// Embedder: texts to token sequences (cut to the context), packed into encoder passes.
#include "hearth/error.h"
#include "hearth/tokenizer.h"
#include "runtime/model.h"

#include <algorithm>

namespace hearth {

struct Embedder::Impl {
    const Model::Impl& model;
    std::unique_ptr<EncoderBackend> encoder;
    uint32_t context;
};

Embedder::Embedder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Embedder::~Embedder() = default;

uint32_t Embedder::context_length() const
{
    return m_impl->context;
}
uint32_t Embedder::dimension() const
{
    return m_impl->model.config.embedding_length;
}

std::vector<Embedding> Embedder::embed(std::span<const std::string> texts, const std::atomic<bool>* cancel)
{
    const Tokenizer& tokenizer = m_impl->model.tokenizer;
    std::vector<std::vector<int32_t>> sequences;
    std::vector<Embedding> result(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].empty())
            throw Error("text " + std::to_string(i + 1) + " is empty: there is nothing to embed");
        std::vector<int32_t> tokens = tokenizer.encode(texts[i], true, false);
        if (tokens.empty())
            throw Error("text " + std::to_string(i + 1) + " gives no tokens");
        if (tokens.size() > m_impl->context) {
            // Only the start is read; the end-of-text token ([SEP]) the model expects stays last.
            const bool ends = tokenizer.add_eos() && tokens.back() == tokenizer.eos();
            tokens.resize(m_impl->context);
            if (ends)
                tokens.back() = tokenizer.eos();
            result[i].truncated = true;
        }
        result[i].tokens = uint32_t(tokens.size());
        sequences.push_back(std::move(tokens));
    }
    std::vector<std::vector<float>> vectors = embed_tokens(sequences, cancel);
    for (size_t i = 0; i < texts.size(); ++i)
        result[i].values = std::move(vectors[i]);
    return result;
}

std::vector<std::vector<float>> Embedder::embed_tokens(std::span<const std::vector<int32_t>> sequences,
                                                       const std::atomic<bool>* cancel)
{
    const uint32_t d = dimension(), capacity = m_impl->encoder->max_tokens();
    for (const std::vector<int32_t>& s : sequences)
        if (s.empty() || s.size() > m_impl->context)
            throw Error("a sequence of " + std::to_string(s.size()) + " tokens cannot be embedded (1 to " +
                        std::to_string(m_impl->context) + " tokens)");
    std::vector<std::vector<float>> result(sequences.size());
    std::vector<int32_t> tokens;
    std::vector<uint32_t> lengths;
    std::vector<float> out;
    for (size_t next = 0; next < sequences.size();) {
        if (cancel && cancel->load())
            throw Error("embedding cancelled");
        // As many whole sequences as fit in one pass, in order.
        const size_t first = next;
        tokens.clear();
        lengths.clear();
        while (next < sequences.size() && tokens.size() + sequences[next].size() <= capacity) {
            tokens.insert(tokens.end(), sequences[next].begin(), sequences[next].end());
            lengths.push_back(uint32_t(sequences[next].size()));
            ++next;
        }
        out.resize(lengths.size() * d);
        m_impl->encoder->encode(tokens, lengths, out);
        for (size_t s = 0; s < lengths.size(); ++s)
            result[first + s].assign(out.begin() + ptrdiff_t(s * d), out.begin() + ptrdiff_t((s + 1) * d));
    }
    return result;
}

std::unique_ptr<Embedder> Model::create_embedder(const EmbedderOptions& options)
{
    const ModelConfig& c = m_impl->config;
    if (!is_embedding_model())
        throw Error(name() + " is a text generation model (" + architecture() +
                    "), not an embedding model; embeddings need an encoder such as bge or nomic-embed-text "
                    "(architectures bert, nomic-bert)");
    const uint32_t batch = std::max(options.batch_tokens, c.context_length);
    auto impl = std::make_unique<Embedder::Impl>(
        Embedder::Impl{*m_impl, m_impl->backend->create_encoder(batch), c.context_length});
    return std::make_unique<Embedder>(std::move(impl));
}

} // namespace hearth
