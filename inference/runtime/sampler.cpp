#include "hearth/sampler.h"

#include "hearth/error.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace hearth {

Sampler::Sampler(const SamplingParams& params) : m_params(params), m_rng(params.seed)
{
    if (!(params.top_p > 0.0f))
        throw Error("top-p must be greater than 0 (1 turns it off)");
    if (params.repeat_penalty <= 0.0f)
        throw Error("the repetition penalty must be greater than 0 (1 turns it off)");
}

void Sampler::accept(int32_t token)
{
    if (m_params.penalty_window <= 0)
        return;
    m_recent.push_back(token);
    while (m_recent.size() > size_t(m_params.penalty_window))
        m_recent.pop_front();
}

void Sampler::reset()
{
    m_recent.clear();
    m_rng.seed(m_params.seed);
}

std::vector<Sampler::Candidate> Sampler::filtered(std::span<const float> logits) const
{
    if (logits.empty())
        throw Error("cannot sample from an empty logits vector");
    std::vector<Candidate> candidates(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        candidates[i] = {int32_t(i), logits[i]};

    // Penalties: each distinct recent token once, scaled by how often it occurred.
    std::unordered_map<int32_t, int> counts;
    for (int32_t token : m_recent)
        if (token >= 0 && size_t(token) < logits.size())
            ++counts[token];
    for (const auto& [token, count] : counts) {
        float& logit = candidates[size_t(token)].logit;
        logit = logit > 0.0f ? logit / m_params.repeat_penalty : logit * m_params.repeat_penalty;
        logit -= float(count) * m_params.frequency_penalty + m_params.presence_penalty;
    }

    const auto higher = [](const Candidate& a, const Candidate& b) {
        return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
    };
    if (m_params.temperature <= 0.0f) { // greedy: only the best survives
        candidates = {*std::min_element(candidates.begin(), candidates.end(), higher)};
        return candidates;
    }
    size_t keep = candidates.size();
    if (m_params.top_k > 0 && size_t(m_params.top_k) < keep) {
        keep = size_t(m_params.top_k);
        std::nth_element(candidates.begin(), candidates.begin() + ptrdiff_t(keep) - 1, candidates.end(), higher);
        candidates.resize(keep);
    }
    std::sort(candidates.begin(), candidates.end(), higher);

    // Untempered probabilities of what is left, for top-p and min-p.
    std::vector<double> probs(candidates.size());
    double sum = 0.0;
    for (size_t i = 0; i < candidates.size(); ++i)
        sum += probs[i] = std::exp(double(candidates[i].logit) - double(candidates[0].logit));
    if (m_params.top_p < 1.0f) {
        double cumulative = 0.0;
        size_t n = 0;
        while (n < candidates.size()) {
            cumulative += probs[n++] / sum;
            if (cumulative >= double(m_params.top_p))
                break;
        }
        keep = std::min(keep, n);
    }
    if (m_params.min_p > 0.0f) {
        size_t n = 1;
        while (n < keep && probs[n] >= double(m_params.min_p) * probs[0])
            ++n;
        keep = std::min(keep, n);
    }
    candidates.resize(keep);
    return candidates;
}

std::vector<float> Sampler::probabilities(std::span<const float> logits) const
{
    const std::vector<Candidate> candidates = filtered(logits);
    std::vector<float> result(logits.size(), 0.0f);
    if (m_params.temperature <= 0.0f) {
        result[size_t(candidates[0].id)] = 1.0f;
        return result;
    }
    double sum = 0.0;
    std::vector<double> weights(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i)
        sum += weights[i] = std::exp((double(candidates[i].logit) - double(candidates[0].logit)) /
                                     double(m_params.temperature));
    for (size_t i = 0; i < candidates.size(); ++i)
        result[size_t(candidates[i].id)] = float(weights[i] / sum);
    return result;
}

int32_t Sampler::sample(std::span<const float> logits)
{
    const std::vector<Candidate> candidates = filtered(logits);
    if (candidates.size() == 1 || m_params.temperature <= 0.0f)
        return candidates[0].id;
    std::vector<double> cumulative(candidates.size());
    double sum = 0.0;
    for (size_t i = 0; i < candidates.size(); ++i) {
        sum += std::exp((double(candidates[i].logit) - double(candidates[0].logit)) / double(m_params.temperature));
        cumulative[i] = sum;
    }
    // 53 random bits to a double in [0, 1): the same stream on every platform for one seed.
    const double u = double(m_rng() >> 11) * 0x1.0p-53 * sum;
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    return candidates[size_t(std::min<ptrdiff_t>(it - cumulative.begin(), ptrdiff_t(candidates.size()) - 1))].id;
}

} // namespace hearth
