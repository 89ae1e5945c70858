#pragma once
// Picks the next token from a logits vector. The chain, in order: repetition / frequency /
// presence penalties over the last `penalty_window` accepted tokens, top-k, top-p, min-p (the
// three filters judge the untempered probabilities), then temperature and a draw from a seeded
// generator. `temperature <= 0` is greedy (argmax after penalties; ties go to the lower id).
#include <cstdint>
#include <deque>
#include <random>
#include <span>
#include <vector>

namespace hearth {

struct SamplingParams {
    float temperature = 0.8f;
    int top_k = 40;          // <= 0: off
    float top_p = 0.95f;     // >= 1: off
    float min_p = 0.05f;     // <= 0: off
    float repeat_penalty = 1.0f;    // 1: off; > 1 makes recent tokens less likely
    float frequency_penalty = 0.0f; // subtracted once per occurrence in the window
    float presence_penalty = 0.0f;  // subtracted once if the token occurs in the window
    int penalty_window = 64;        // how many recent tokens the penalties look at
    uint64_t seed = 0;
};

class Sampler {
public:
    explicit Sampler(const SamplingParams& params = {});

    // The next token for `logits` (one value per vocabulary entry). Does not call accept().
    int32_t sample(std::span<const float> logits);

    // Records a token of the context (prompt or generated) for the penalties.
    void accept(int32_t token);

    // Forgets the recorded tokens and restarts the generator from the seed.
    void reset();

    const SamplingParams& params() const { return m_params; }

    // The probabilities the draw would use for `logits` (0 for tokens the filters removed):
    // what `sample` draws from, exposed so tests can check the distribution exactly.
    std::vector<float> probabilities(std::span<const float> logits) const;

private:
    struct Candidate {
        int32_t id;
        float logit;
    };
    std::vector<Candidate> filtered(std::span<const float> logits) const;

    SamplingParams m_params;
    std::mt19937_64 m_rng;
    std::deque<int32_t> m_recent;
};

} // namespace hearth
