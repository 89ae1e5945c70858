// `--device reference`: the reference forward pass behind the runtime's backend interface.
#include "arch/model_config.h"
#include "hearth/error.h"
#include "reference/encoder.h"
#include "reference/forward.h"
#include "runtime/backend.h"

#include <cstring>

namespace hearth {
namespace {

class ReferenceSession : public SessionBackend {
public:
    ReferenceSession(const ModelConfig& config, const ModelWeights& weights, uint32_t context)
        : m_forward(config, weights, context)
    {
    }

    void forward(std::span<const int32_t> tokens, uint32_t start, std::span<float> logits) override
    {
        m_forward.forward(tokens, start, logits, 1);
    }

    std::vector<uint8_t> save_cache(uint32_t count) const override
    {
        const std::vector<float> state = m_forward.cache_state(count);
        std::vector<uint8_t> bytes(state.size() * sizeof(float));
        std::memcpy(bytes.data(), state.data(), bytes.size());
        return bytes;
    }

    void restore_cache(std::span<const uint8_t> bytes, uint32_t count) override
    {
        if (bytes.size() % sizeof(float) != 0)
            throw Error("the saved session state is damaged");
        std::vector<float> state(bytes.size() / sizeof(float));
        std::memcpy(state.data(), bytes.data(), bytes.size());
        m_forward.restore_cache_state(state, count);
    }

private:
    ReferenceForward m_forward;
};

class ReferenceEncoderBackend : public EncoderBackend {
  public:
    ReferenceEncoderBackend(const ModelConfig& config, const ModelWeights& weights, uint32_t max_tokens)
        : m_encoder(config, weights), m_max_tokens(max_tokens)
    {
    }

    uint32_t max_tokens() const override { return m_max_tokens; }
    void encode(std::span<const int32_t> tokens, const std::vector<uint32_t>& lengths,
                std::span<float> out) override
    {
        if (tokens.size() > m_max_tokens)
            throw Error("the batch holds more tokens than the encoder takes");
        m_encoder.encode(tokens, lengths, out);
    }

  private:
    ReferenceEncoder m_encoder;
    uint32_t m_max_tokens;
};

class ReferenceModel : public ModelBackend {
public:
    ReferenceModel(const ModelConfig& config, const ModelWeights& weights) : m_config(config), m_weights(weights) {}

    std::unique_ptr<SessionBackend> create_session(uint32_t context, uint32_t) override
    {
        return std::make_unique<ReferenceSession>(m_config, m_weights, context);
    }
    std::unique_ptr<EncoderBackend> create_encoder(uint32_t max_tokens) override
    {
        return std::make_unique<ReferenceEncoderBackend>(m_config, m_weights, max_tokens);
    }
    std::string device_name() const override { return "reference"; }
    std::string cache_format() const override { return "reference-f32"; }

private:
    const ModelConfig& m_config;
    const ModelWeights& m_weights;
};

} // namespace

std::unique_ptr<ModelBackend> make_reference_backend(const ModelConfig& config, const ModelWeights& weights)
{
    return std::make_unique<ReferenceModel>(config, weights);
}

} // namespace hearth
