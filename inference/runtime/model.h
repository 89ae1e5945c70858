#pragma once
// The private side of Engine and Model (hearth/engine.h): what a loaded model holds.
#include "arch/model_config.h"
#include "arch/model_weights.h"
#include "hearth/engine.h"
#include "hearth/gguf.h"
#include "hearth/tokenizer.h"
#include "runtime/backend.h"

namespace hearth {

struct Model::Impl {
    std::string path;
    GgufFile file;
    ModelConfig config;
    ModelWeights weights;
    Tokenizer tokenizer;
    uint64_t weight_bytes = 0;
    std::unique_ptr<ModelBackend> backend; // declared last: destroyed first, it refers to the rest
};

} // namespace hearth
