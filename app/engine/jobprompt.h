#pragma once
// The tokens a job runs on: a chat turn rendered through the model's own chat template (its oldest
// turns after the system prompt left out when the conversation and the answer would not fit the
// context), or a raw completion's text or token ids. Checked before anything runs.
#include "enginejob.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {
class Model;
}

struct JobPrompt {
    std::vector<int32_t> tokens;
    std::vector<std::string> stopStrings; // the job's own and the template's turn ends
    uint32_t keepTokens = 0;               // the system prompt's: never dropped when the context fills
    int droppedTurns = 0;                  // old turns left out to fit the context
    std::string warning;                   // why the model's template was not used, if it was not
};

// Throws hearth::Error with a message for the user (an empty prompt, a token id outside the
// vocabulary, one message longer than the whole context).
JobPrompt buildJobPrompt(const hearth::Model& model, const EngineJob& job, uint32_t contextLength);
