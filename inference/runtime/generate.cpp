// The generation loop: sample, stream valid UTF-8 pieces, stop on end-of-generation tokens, stop
// strings (held back while they might still be starting), the token limit or cancellation.
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/json_grammar.h"
#include "hearth/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

namespace hearth {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Passes text through, holding back any tail that could be the start of a stop string.
class StopFilter {
  public:
    explicit StopFilter(const std::vector<std::string>& stops) : m_stops(stops) {}

    // Returns the text that is safe to emit; sets `stopped` when a stop string completed (the
    // text before it is returned, the stop string and anything after are dropped).
    std::string push(std::string_view text, bool& stopped)
    {
        m_pending += text;
        size_t stop_at = std::string::npos;
        for (const std::string& stop : m_stops)
            if (!stop.empty())
                stop_at = std::min(stop_at, m_pending.find(stop));
        if (stop_at != std::string::npos) {
            stopped = true;
            std::string out = m_pending.substr(0, stop_at);
            m_pending.clear();
            return out;
        }
        size_t hold = 0; // the longest tail of pending that a stop string starts with
        for (const std::string& stop : m_stops)
            for (size_t n = std::min(stop.size() - (stop.empty() ? 0 : 1), m_pending.size()); n > hold; --n)
                if (m_pending.compare(m_pending.size() - n, n, stop, 0, n) == 0) {
                    hold = n;
                    break;
                }
        std::string out = m_pending.substr(0, m_pending.size() - hold);
        m_pending.erase(0, m_pending.size() - hold);
        return out;
    }

    std::string finish() { return std::exchange(m_pending, {}); }

  private:
    const std::vector<std::string>& m_stops;
    std::string m_pending;
};

} // namespace

const char* stop_reason_name(StopReason reason)
{
    switch (reason) {
    case StopReason::Length:
        return "length";
    case StopReason::EndOfGeneration:
        return "eog";
    case StopReason::StopString:
        return "stop";
    case StopReason::Cancelled:
        return "cancel";
    }
    return "length";
}

double GenerateResult::prompt_tokens_per_second() const
{
    return prompt_ms > 0.0 ? 1000.0 * prompt_tokens / prompt_ms : 0.0;
}

double GenerateResult::generation_tokens_per_second() const
{
    return generation_ms > 0.0 ? 1000.0 * double(tokens.size()) / generation_ms : 0.0;
}

struct Generation::Streaming {
    Streaming(const Tokenizer& tokenizer, const std::vector<std::string>& stops)
        : text(tokenizer), filter(stops)
    {
    }
    TextStream text;
    StopFilter filter;
};

Generation::Generation(const Model& model, Sampler& sampler, std::vector<int32_t> prompt,
                       GenerateOptions options, uint32_t prefill_chunk)
    : m_model(model), m_sampler(sampler), m_prompt(std::move(prompt)), m_options(std::move(options)),
      m_prefill_chunk(std::max<uint32_t>(1, prefill_chunk))
{
    m_streaming = std::make_shared<Streaming>(model.tokenizer(), m_options.stop_strings);
    if (m_options.json_object)
        m_json = std::make_shared<JsonConstraint>(model.tokenizer());
    if (m_options.top_logprobs > 20)
        throw Error("at most 20 alternatives per token can be reported");
    if (!m_options.forced_tokens.empty()) {
        for (int32_t token : m_options.forced_tokens)
            if (token < 0 || uint32_t(token) >= model.vocab_size())
                throw Error("token id " + std::to_string(token) + " is outside the model's vocabulary");
        m_options.max_tokens = std::min(m_options.max_tokens, int(m_options.forced_tokens.size()));
        m_options.top_logprobs = std::max(m_options.top_logprobs, 0);
        m_options.ignore_end_of_generation = true;
    }
}

bool Generation::cancelled() const
{
    return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed);
}

bool Generation::step(Session& session, const PieceCallback& on_piece)
{
    if (m_finished)
        return false;
    if (!m_started) {
        m_started = true;
        m_start = Clock::now();
    }
    if (cancelled()) {
        finish(StopReason::Cancelled, on_piece);
        return false;
    }
    if (!m_prompt_read && m_prompt.empty())
        throw Error("cannot generate from an empty prompt");
    if (!m_prompt_read)
        read_prompt_chunk(session);
    else
        decode_token(session, on_piece);
    return !m_finished;
}

void Generation::read_prompt_chunk(Session& session)
{
    const Clock::time_point start = Clock::now();
    const std::vector<int32_t>& cached = session.tokens();
    const size_t common = size_t(
        std::mismatch(cached.begin(), cached.end(), m_prompt.begin(), m_prompt.end()).first - cached.begin());
    if (m_result.prompt_tokens == 0) // the first chunk: what the cache held when this began
        m_result.cached_tokens = uint32_t(std::min(common, m_prompt.size() - 1));
    const size_t end = std::min(m_prompt.size(), common + m_prefill_chunk);
    m_logits = session.evaluate(std::span<const int32_t>(m_prompt.data(), end));
    m_result.prompt_tokens += session.last_evaluated();
    m_result.prompt_ms += ms_since(start);
    if (end < m_prompt.size())
        return;
    m_prompt_read = true;
    for (int32_t token : m_prompt)
        m_sampler.accept(token);
    std::vector<int32_t> order(m_logits.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int32_t(i);
    const size_t top = std::min<size_t>(10, order.size());
    std::partial_sort(order.begin(), order.begin() + ptrdiff_t(top), order.end(),
                      [&](int32_t a, int32_t b) { return m_logits[size_t(a)] > m_logits[size_t(b)]; });
    for (size_t i = 0; i < top; ++i)
        m_result.top_logits.emplace_back(order[i], m_logits[size_t(order[i])]);
    if (m_options.max_tokens <= 0)
        finish(StopReason::Length, {});
}

void Generation::decode_token(Session& session, const PieceCallback& on_piece)
{
    const Clock::time_point start = Clock::now();
    std::span<const float> logits = m_logits;
    if (m_json) {
        m_masked.assign(m_logits.begin(), m_logits.end());
        const int tokens_left = m_options.max_tokens - int(m_result.tokens.size());
        if (m_json->mask(m_masked, tokens_left) == 0) { // too little room left to close anything
            finish(StopReason::Length, on_piece);
            return;
        }
        logits = m_masked;
    }
    const bool forced = !m_options.forced_tokens.empty();
    const int32_t token = forced ? m_options.forced_tokens[m_result.tokens.size()] : m_sampler.sample(logits);
    m_sampler.accept(token);
    m_result.tokens.push_back(token);
    if (m_result.tokens.size() == 1)
        m_result.first_token_ms = ms_since(m_start);
    if (m_model.tokenizer().is_eog(token) && !m_options.ignore_end_of_generation) {
        m_result.generation_ms += ms_since(start);
        finish(StopReason::EndOfGeneration, on_piece);
        return;
    }
    if (m_options.top_logprobs >= 0)
        record_logprob(token);
    bool stopped = false;
    stream(m_streaming->filter.push(m_streaming->text.push(token), stopped), on_piece);
    if (stopped) {
        m_result.generation_ms += ms_since(start);
        m_finished = true;
        m_result.stop_reason = StopReason::StopString;
        return;
    }
    if (m_json)
        m_json->accept(token);
    const bool complete = m_json && m_json->complete(); // the object is closed: the answer is whole
    const bool last = complete || int(m_result.tokens.size()) >= m_options.max_tokens;
    if (!last) // the last token needs no logits
        m_logits = session.append(std::span<const int32_t>(&token, 1));
    m_result.generation_ms += ms_since(start);
    if (last)
        finish(complete ? StopReason::EndOfGeneration : StopReason::Length, on_piece);
}

void Generation::record_logprob(int32_t token)
{
    // log softmax(logits)[i] = logits[i] - max - log(sum(exp(logits - max))), in double.
    const float best = *std::max_element(m_logits.begin(), m_logits.end());
    double sum = 0.0;
    for (float logit : m_logits)
        sum += std::exp(double(logit) - double(best));
    const double offset = double(best) + std::log(sum);
    TokenLogprob entry;
    entry.token = token;
    entry.logprob = float(double(m_logits[size_t(token)]) - offset);
    const size_t top = std::min<size_t>(size_t(m_options.top_logprobs), m_logits.size());
    std::vector<int32_t> order(m_logits.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int32_t(i);
    std::partial_sort(order.begin(), order.begin() + ptrdiff_t(top), order.end(), [&](int32_t a, int32_t b) {
        return m_logits[size_t(a)] > m_logits[size_t(b)] ||
               (m_logits[size_t(a)] == m_logits[size_t(b)] && a < b);
    });
    for (size_t i = 0; i < top; ++i)
        entry.top.emplace_back(order[i], float(double(m_logits[size_t(order[i])]) - offset));
    m_result.logprobs.push_back(std::move(entry));
}

void Generation::cancel(const PieceCallback& on_piece)
{
    if (!m_finished)
        finish(StopReason::Cancelled, on_piece);
}

void Generation::restore(Session& session, std::span<const int32_t> tokens)
{
    if (!tokens.empty())
        m_logits = session.evaluate(tokens);
}

void Generation::stream(const std::string& text, const PieceCallback& on_piece)
{
    if (text.empty())
        return;
    m_result.text += text;
    if (on_piece)
        on_piece(text);
}

void Generation::finish(StopReason reason, const PieceCallback& on_piece)
{
    m_finished = true;
    m_result.stop_reason = reason;
    // Text held back (an incomplete character, a possible stop string's start) ends the answer,
    // unless it completes a stop string after all.
    bool stopped = false;
    stream(m_streaming->filter.push(m_streaming->text.finish(), stopped), on_piece);
    if (!stopped)
        stream(m_streaming->filter.finish(), on_piece);
    else if (reason != StopReason::Cancelled)
        m_result.stop_reason = StopReason::StopString;
}

GenerateResult generate(Session& session, const Model& model, Sampler& sampler,
                        std::span<const int32_t> prompt, const GenerateOptions& options,
                        const PieceCallback& on_piece)
{
    Generation generation(model, sampler, std::vector<int32_t>(prompt.begin(), prompt.end()), options);
    while (generation.step(session, on_piece)) {
    }
    return generation.result();
}

} // namespace hearth
