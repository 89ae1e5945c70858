// The generation loop: sample, stream valid UTF-8 pieces, stop on end-of-generation tokens, stop
// strings (held back while they might still be starting), the token limit or cancellation.
#include "hearth/engine.h"
#include "hearth/tokenizer.h"

#include <algorithm>
#include <chrono>
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
    case StopReason::Length: return "length";
    case StopReason::EndOfGeneration: return "eog";
    case StopReason::StopString: return "stop";
    case StopReason::Cancelled: return "cancel";
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

GenerateResult generate(Session& session, const Model& model, Sampler& sampler, std::span<const int32_t> prompt,
                        const GenerateOptions& options, const std::function<void(std::string_view piece)>& on_piece)
{
    GenerateResult result;
    const Clock::time_point start = Clock::now();
    const auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    if (cancelled()) {
        result.stop_reason = StopReason::Cancelled;
        return result;
    }
    std::span<const float> logits = session.evaluate(prompt);
    result.prompt_tokens = session.last_evaluated();
    result.prompt_ms = ms_since(start);
    for (int32_t token : prompt)
        sampler.accept(token);
    {
        std::vector<int32_t> order(logits.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int32_t(i);
        const size_t top = std::min<size_t>(10, order.size());
        std::partial_sort(order.begin(), order.begin() + ptrdiff_t(top), order.end(),
                          [&](int32_t a, int32_t b) { return logits[size_t(a)] > logits[size_t(b)]; });
        for (size_t i = 0; i < top; ++i)
            result.top_logits.emplace_back(order[i], logits[size_t(order[i])]);
    }

    const Clock::time_point generation_start = Clock::now();
    const Tokenizer& tokenizer = model.tokenizer();
    TextStream stream(tokenizer);
    StopFilter filter(options.stop_strings);
    const auto emit = [&](const std::string& text) {
        if (text.empty())
            return;
        result.text += text;
        if (on_piece)
            on_piece(text);
    };
    bool stopped = false;
    result.stop_reason = StopReason::Length;
    for (int i = 0; i < options.max_tokens; ++i) {
        if (cancelled()) {
            result.stop_reason = StopReason::Cancelled;
            break;
        }
        const int32_t token = sampler.sample(logits);
        sampler.accept(token);
        result.tokens.push_back(token);
        if (i == 0)
            result.first_token_ms = ms_since(start);
        if (tokenizer.is_eog(token)) {
            result.stop_reason = StopReason::EndOfGeneration;
            break;
        }
        emit(filter.push(stream.push(token), stopped));
        if (stopped) {
            result.stop_reason = StopReason::StopString;
            break;
        }
        if (i + 1 < options.max_tokens) // the last token needs no logits
            logits = session.append(std::span<const int32_t>(&token, 1));
    }
    if (!stopped) {
        emit(filter.push(stream.finish(), stopped));
        if (!stopped)
            emit(filter.finish());
        else
            result.stop_reason = StopReason::StopString;
    }
    result.generation_ms = ms_since(generation_start);
    return result;
}

} // namespace hearth
