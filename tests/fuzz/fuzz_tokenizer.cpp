// libFuzzer target for the tokenizers: every vocabulary of testdata/vocab (SentencePiece, the
// byte-level BPE pre-tokenizers, WordPiece) encodes arbitrary bytes, with and without special-token
// parsing. Ids must stay inside the vocabulary, and text must come back byte for byte from decode()
// (except with WordPiece, which lowercases, for the few bytes a vocabulary cannot spell, and for
// SentencePiece's own space mark in the text).
// Input: byte 0 picks the vocabulary, byte 1 the flags, the rest is the text.
#include "fuzz_target.h"
#include "fuzz_testdata.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

struct Vocabulary {
    std::unique_ptr<hearth::Tokenizer> tokenizer;
    std::array<bool, 256> unspellable{}; // bytes whose text does not come back (see tst_tokenizer)
    bool roundTrips = true;
};

std::vector<Vocabulary>& vocabularies()
{
    static std::vector<Vocabulary> all;
    return all;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(fuzzTestdataDir() + "/vocab"))
        if (entry.path().extension() == ".gguf")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        Vocabulary v;
        v.tokenizer = std::make_unique<hearth::Tokenizer>(
            hearth::Tokenizer::from_gguf(hearth::GgufFile::open(path.string())));
        v.roundTrips = v.tokenizer->model() != "bert";
        for (int b = 0; b < 256; ++b) {
            const std::string byte(1, char(b));
            v.unspellable[b] = v.tokenizer->decode(v.tokenizer->encode(byte, false, false)) != byte;
        }
        vocabularies().push_back(std::move(v));
    }
    if (vocabularies().empty()) {
        std::fprintf(stderr, "no vocabularies under %s/vocab\n", fuzzTestdataDir().c_str());
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2 || size > 4096)
        return 0;
    const Vocabulary& v = vocabularies()[data[0] % vocabularies().size()];
    const bool addSpecial = data[1] & 1;
    const bool parseSpecial = data[1] & 2;
    const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
    const hearth::Tokenizer& t = *v.tokenizer;
    try {
        const std::vector<int32_t> ids = t.encode(text, addSpecial, parseSpecial);
        for (const int32_t id : ids)
            FUZZ_CHECK(id >= 0 && size_t(id) < t.vocab_size());
        const std::string back = t.decode(ids, data[1] & 4);
        const bool spellable = std::none_of(text.begin(), text.end(),
                                            [&](char c) { return v.unspellable[uint8_t(c)]; });
        // SentencePiece writes a space as "▁" (U+2581), so a "▁" in the text comes back as a space.
        const bool escapesSpaces = t.model() == "llama" && text.find("\xE2\x96\x81") != std::string::npos;
        if (v.roundTrips && spellable && !escapesSpaces && !addSpecial && !parseSpecial)
            FUZZ_CHECK(back == text);
    } catch (const hearth::Error&) {
        // A refusal is a valid answer; a crash, a leak or a wrong round trip is not.
    }
    return 0;
}
