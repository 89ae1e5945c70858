#pragma once
// The private side of Session (hearth/engine.h).
#include "runtime/model.h"

namespace hearth {

struct Session::Impl {
    Impl(const Model::Impl& model, std::unique_ptr<SessionBackend> backend, uint32_t context, uint32_t batch)
        : model(model), backend(std::move(backend)), context(context), batch(batch),
          logits(model.config.vocab_size)
    {
    }

    // Runs `more` after the cached tokens, in batches, keeping the last logits.
    void run(std::span<const int32_t> more);

    const Model::Impl& model;
    std::unique_ptr<SessionBackend> backend;
    uint32_t context;
    uint32_t batch;
    std::vector<int32_t> tokens;
    std::vector<float> logits;
    uint32_t keep = 0;
    uint32_t last_evaluated = 0;
};

} // namespace hearth
