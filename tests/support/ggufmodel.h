#pragma once
// A small GGUF model with the metadata the installed-models index reads (random-free: zero
// weights), for tests that need a valid file but no answers from it.
#include "hearth/gguf_writer.h"

#include <QString>

inline void writeTestGguf(const QString& path, const char* arch = "llama", uint32_t fileType = 15,
                          bool chatTemplate = true)
{
    hearth::GgufWriter w;
    w.set("general.architecture", arch);
    w.set("general.name", "test model");
    w.set("general.file_type", fileType);
    w.set(std::string(arch) + ".context_length", uint32_t(4096));
    w.set(std::string(arch) + ".block_count", uint32_t(3));
    w.set(std::string(arch) + ".embedding_length", uint32_t(64));
    w.set(std::string(arch) + ".attention.head_count", uint32_t(4));
    w.set(std::string(arch) + ".attention.head_count_kv", uint32_t(2));
    if (chatTemplate)
        w.set("tokenizer.chat_template", "{{ messages }}");
    w.add_tensor("token_embd.weight", hearth::WeightType::F32, {64, 10}, std::vector<uint8_t>(64 * 10 * 4));
    w.add_tensor("output_norm.weight", hearth::WeightType::F32, {64}, std::vector<uint8_t>(64 * 4));
    w.write(path.toStdString());
}
