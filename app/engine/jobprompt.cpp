#include "jobprompt.h"

#include "hearth/chat_prompt.h"
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/tokenizer.h"

namespace {

JobPrompt chatPrompt(const hearth::Model& model, const EngineJob& job, uint32_t context)
{
    std::vector<hearth::ChatMessage> messages;
    for (const auto& [role, content] : job.turns)
        messages.push_back({role.toStdString(), content.toStdString()});
    if (messages.empty())
        throw hearth::Error("the conversation has no messages to answer");
    JobPrompt result;
    const size_t first = messages.front().role == "system" ? 1 : 0;
    if (first)
        result.keepTokens = uint32_t(hearth::build_chat_prompt(model, {messages.front()}, false).tokens.size());
    hearth::ChatPrompt prompt = hearth::build_chat_prompt(model, messages);
    // Room for the answer (up to a quarter of the context, so a large token limit does not
    // empty the history): the oldest exchanges after the system prompt make way, the newest
    // message always stays. A longer answer still runs on, the session dropping old tokens.
    const size_t answerRoom = std::min<size_t>(size_t(std::max(0, job.maxTokens)), context / 4);
    while (prompt.tokens.size() + answerRoom > context && messages.size() > first + 1) {
        const size_t drop = std::min<size_t>(2, messages.size() - first - 1);
        messages.erase(messages.begin() + ptrdiff_t(first), messages.begin() + ptrdiff_t(first + drop));
        result.droppedTurns += int(drop);
        prompt = hearth::build_chat_prompt(model, messages);
    }
    if (prompt.tokens.size() >= context)
        throw hearth::Error("the message is " + std::to_string(prompt.tokens.size()) +
                            " tokens long, too long for the context of " + std::to_string(context) +
                            " tokens; shorten it or choose a larger context length");
    result.tokens = std::move(prompt.tokens);
    result.stopStrings = std::move(prompt.stop_strings);
    result.warning = std::move(prompt.warning);
    return result;
}

JobPrompt completionPrompt(const hearth::Model& model, const EngineJob& job, uint32_t context)
{
    JobPrompt result;
    if (!job.promptTokens.isEmpty()) {
        for (int id : job.promptTokens) {
            if (id < 0 || uint32_t(id) >= model.vocab_size())
                throw hearth::Error("token id " + std::to_string(id) + " is outside the model's vocabulary of " +
                                    std::to_string(model.vocab_size()) + " tokens");
            result.tokens.push_back(id);
        }
    } else {
        result.tokens = model.tokenizer().encode(job.prompt.toStdString(), true, true);
    }
    if (result.tokens.empty())
        throw hearth::Error("the prompt is empty and the model adds no BOS token; give a prompt");
    if (result.tokens.size() >= context)
        throw hearth::Error("the prompt is " + std::to_string(result.tokens.size()) +
                            " tokens long, too long for the context of " + std::to_string(context) + " tokens");
    return result;
}

} // namespace

JobPrompt buildJobPrompt(const hearth::Model& model, const EngineJob& job, uint32_t contextLength)
{
    JobPrompt prompt;
    switch (job.kind) {
    case JobKind::ChatTurn:
    case JobKind::SummaryStep: prompt = chatPrompt(model, job, contextLength); break;
    case JobKind::Completion: prompt = completionPrompt(model, job, contextLength); break;
    case JobKind::Embedding: // the worker runs these through the model's Embedder, without a prompt
        throw hearth::Error("an embedding job has no prompt");
    }
    for (const QString& stop : job.stopStrings)
        if (!stop.isEmpty())
            prompt.stopStrings.push_back(stop.toStdString());
    return prompt;
}
