#pragma once
// Running a model: an Engine (one compute device, or the CPU reference), a Model (weights on that
// device, config, tokenizer) and Sessions (one conversation each: a KV cache and the tokens it
// holds), or for an embedding model an Embedder. All of it is thread-confined: create and use an
// Engine, its Models and their Sessions on one thread (the GUI's generation worker). A Model must
// not outlive its Engine, nor a Session or an Embedder its Model. Long operations take a progress
// callback or a cancel flag.
#include "hearth/sampler.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

class GgufFile;
class Tokenizer;
class Model;
class Session;
class Embedder;
class JsonConstraint;

// Returns false to cancel (the load then throws Error("loading cancelled")).
using ProgressCallback = std::function<bool(double fraction)>;

struct LoadOptions {
    ProgressCallback progress;
};

class Engine {
public:
    // `device`: "" picks the best GPU (or $HEARTH_DEVICE), a number or a part of a device's name
    // picks that one, "reference" runs the plain CPU reference (slow; for tests and checks).
    explicit Engine(const std::string& device = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    std::string device_name() const;
    bool is_reference() const;

    // Opens a GGUF model and makes it ready to run. Throws Error for an unsupported
    // architecture, a broken file, or too little memory (saying how much is needed).
    std::unique_ptr<Model> load(const std::string& path, const LoadOptions& options = {});

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

struct EmbedderOptions {
    uint32_t batch_tokens = 2048; // tokens per forward pass, all its texts together (at least the context)
};

struct SessionOptions {
    uint32_t context_length = 4096; // clamped to the model's trained context
    uint32_t batch_size = 256;      // prompt tokens evaluated per forward pass
};

class Model {
public:
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const std::string& path() const;
    const std::string& architecture() const;
    const std::string& name() const;
    uint32_t vocab_size() const;
    uint32_t trained_context_length() const;
    // Bytes of weights a decode step reads (for bandwidth figures).
    uint64_t weight_bytes() const;
    std::string device_name() const;
    // Weight bytes the GPU reads from system memory because its own was short: such a model
    // runs, more slowly. 0 when everything fits (and on the reference).
    uint64_t weights_in_system_memory() const;
    // What one more session of `options` takes on the device (its KV cache and batch buffers),
    // and the device memory the memory plan still leaves for sessions (90% of the device's own
    // memory, less everything allocated; the reference engine has no such limit: UINT64_MAX).
    uint64_t session_bytes(const SessionOptions& options) const;
    uint64_t free_session_memory() const;

    const Tokenizer& tokenizer() const;
    const GgufFile& file() const;

    // An embedding model (a BERT-family encoder: bert, nomic-bert) turns text into vectors of
    // embedding_length() values; it has no sessions. A text generation model has no embedder.
    bool is_embedding_model() const;
    uint32_t embedding_length() const;

    // Throws Error for an embedding model, saying what it is.
    std::unique_ptr<Session> create_session(const SessionOptions& options = {});
    // Throws Error for a text generation model, saying what to use instead.
    std::unique_ptr<Embedder> create_embedder(const EmbedderOptions& options = {});

    struct Impl;
    explicit Model(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> m_impl;
};

class Session {
public:
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    uint32_t context_length() const;
    // The tokens whose keys and values the cache holds, in order.
    const std::vector<int32_t>& tokens() const;

    // Makes the cache hold exactly `prompt` and returns the logits after its last token. The
    // longest prefix already cached is kept and only the rest is evaluated (prompt reuse); at
    // least the last token is evaluated, so the logits are fresh. Throws Error when the prompt
    // is longer than the context.
    std::span<const float> evaluate(std::span<const int32_t> prompt);

    // Appends tokens after the cached ones and returns the logits after the last. When the
    // context is full, the oldest tokens after the first keep_tokens() ones are dropped (half of
    // them, at least what is needed) and the cache is rebuilt; never an error mid-chat.
    std::span<const float> append(std::span<const int32_t> tokens);

    // Tokens at the start that context-full truncation never drops (the system prompt).
    void set_keep_tokens(uint32_t count);
    uint32_t keep_tokens() const;

    // How many tokens the last evaluate() or append() actually ran through the model.
    uint32_t last_evaluated() const;

    // Empties the cache.
    void clear();

    // Saves or restores the cache and its tokens (switching conversations without re-reading
    // their prompts). restore() throws Error for a file of another model or a larger context.
    void save(const std::string& path) const;
    void restore(const std::string& path);

    struct Impl;
    explicit Session(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> m_impl;
};

// One text's embedding.
struct Embedding {
    std::vector<float> values; // embedding_length() values, pooled as the model says, unit length
    uint32_t tokens = 0;       // the tokens the model read ([CLS] and [SEP] included)
    bool truncated = false;    // the text was longer than the context and only its start was read
};

// Turns texts into embeddings with an embedding model: each text is tokenized as the model's
// tokenizer says, cut to the model's context when longer (keeping the end-of-text token), and as
// many texts as fit go through the encoder in one pass.
class Embedder {
public:
    ~Embedder();
    Embedder(const Embedder&) = delete;
    Embedder& operator=(const Embedder&) = delete;

    uint32_t context_length() const; // the most tokens of one text that are read
    uint32_t dimension() const;

    // One embedding per text, in order. Throws Error for an empty text (naming which) or when
    // `cancel` becomes true (checked before every pass).
    std::vector<Embedding> embed(std::span<const std::string> texts,
                                 const std::atomic<bool>* cancel = nullptr);
    // The same for texts already tokenized (each at most context_length() tokens, not empty).
    std::vector<std::vector<float>> embed_tokens(std::span<const std::vector<int32_t>> sequences,
                                                 const std::atomic<bool>* cancel = nullptr);

    struct Impl;
    explicit Embedder(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> m_impl;
};

// ---- the generation loop --------------------------------------------------------------------

enum class StopReason { Length, EndOfGeneration, StopString, Cancelled };
const char* stop_reason_name(StopReason reason); // "length", "eog", "stop", "cancel"

struct GenerateOptions {
    int max_tokens = 256;
    std::vector<std::string> stop_strings; // never emitted, not even in part
    const std::atomic<bool>* cancel = nullptr; // checked before every token
    bool ignore_end_of_generation = false;     // benchmarks: run all max_tokens
    bool json_object = false; // the answer is one JSON object, closed within max_tokens (json_grammar.h)
    // -1: none; 0-20: each token's log-probability and that many of the likeliest alternatives.
    int top_logprobs = -1;
    // Scoring (perplexity): these tokens are taken in turn instead of sampled, each with its
    // log-probability recorded; the generation ends after the last (or at max_tokens).
    std::vector<int32_t> forced_tokens;
};

// A generated token's log-probability under the model's own distribution (the softmax of its
// logits, before penalties, temperature and filters), with the likeliest tokens at that step.
struct TokenLogprob {
    int32_t token = 0;
    float logprob = 0.0f;
    std::vector<std::pair<int32_t, float>> top; // best first
};

struct GenerateResult {
    std::vector<int32_t> tokens; // generated, including a final end-of-generation token
    std::string text;            // what was streamed (without stop strings and end tokens)
    StopReason stop_reason = StopReason::Length;
    uint32_t prompt_tokens = 0; // prompt tokens evaluated (the rest came from the cache)
    uint32_t cached_tokens = 0; // prompt tokens the cache already held
    double prompt_ms = 0.0;      // evaluating the prompt (this generation's own steps only)
    double first_token_ms = 0.0; // from the first step to the first token, waits included
    double generation_ms = 0.0;  // this generation's own steps after the prompt
    std::vector<std::pair<int32_t, float>> top_logits; // 10 best after the prompt
    std::vector<TokenLogprob> logprobs; // with top_logprobs >= 0: one per token of `text`'s tokens

    double prompt_tokens_per_second() const;
    double generation_tokens_per_second() const;
};

using PieceCallback = std::function<void(std::string_view piece)>;

// One continuation of a prompt, advanced a step at a time so that a scheduler can run several in
// turn on one device: a step reads the next chunk of the prompt, or samples, streams and
// evaluates one token. The session is passed to every step, so it may be another object than
// last time (see restore). Pieces are valid UTF-8; the sampler sees the prompt and every token.
class Generation {
public:
    // `prefill_chunk`: the most prompt tokens one step evaluates (a scheduler's yield point).
    Generation(const Model& model, Sampler& sampler, std::vector<int32_t> prompt, GenerateOptions options,
               uint32_t prefill_chunk = UINT32_MAX);

    // Runs the next step; returns false once the generation has ended (then result() is final).
    bool step(Session& session, const PieceCallback& on_piece);
    bool finished() const { return m_finished; }
    bool reading_prompt() const { return !m_prompt_read; }
    // Ends the generation as cancelled without running anything (a job cancelled while it waits).
    void cancel(const PieceCallback& on_piece);
    const GenerateResult& result() const { return m_result; }

    // The cache this generation was running on is gone (its session was dropped to make room):
    // `session` is a fresh one and `tokens` what the old one held. Rebuilds the cache from them
    // so the next step continues exactly where the last one ended.
    void restore(Session& session, std::span<const int32_t> tokens);

private:
    void read_prompt_chunk(Session& session);
    void decode_token(Session& session, const PieceCallback& on_piece);
    void stream(const std::string& text, const PieceCallback& on_piece);
    void finish(StopReason reason, const PieceCallback& on_piece);
    bool cancelled() const;
    void record_logprob(int32_t token);

    const Model& m_model;
    Sampler& m_sampler;
    std::vector<int32_t> m_prompt;
    GenerateOptions m_options;
    uint32_t m_prefill_chunk;
    GenerateResult m_result;
    std::span<const float> m_logits;
    bool m_prompt_read = false;
    bool m_finished = false;
    bool m_started = false;
    std::chrono::steady_clock::time_point m_start;
    struct Streaming;
    std::shared_ptr<Streaming> m_streaming; // detokenizer and stop-string filter
    std::shared_ptr<JsonConstraint> m_json;  // JSON mode
    std::vector<float> m_masked;             // the logits with JSON mode's mask applied
};

// Streams the continuation of `prompt` (token ids; the caller adds BOS and templates): a
// Generation run to its end on one session.
GenerateResult generate(Session& session, const Model& model, Sampler& sampler, std::span<const int32_t> prompt,
                        const GenerateOptions& options, const PieceCallback& on_piece);

} // namespace hearth
