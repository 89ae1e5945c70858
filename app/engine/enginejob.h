#pragma once
// What the engine service runs: a job is a plain value saying what to compute for which client,
// and JobStats is what comes back at its end. Both cross threads by value.
#include "hearth/sampler.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

enum class JobKind {
    ChatTurn,    // turns through the model's chat template, then an answer
    Completion,  // a raw prompt (text or token ids) continued, no template
    SummaryStep, // like a chat turn, run for the summarizer
    Embedding,   // a batch of texts to embed (needs an embedding model)
};

// Higher runs first. A running job yields to a higher one at its next token or prompt chunk;
// jobs of equal priority run in the order they arrived.
enum class JobPriority {
    Background = 0, // document summaries, embeddings
    Api = 1,        // requests to the local API
    Interactive = 2, // the chat in the window, the CLI
};

struct EngineJob {
    JobKind kind = JobKind::ChatTurn;
    // Whose session (KV cache) the job runs in, e.g. "chat:12", "summary:3", "api:7". Jobs of one
    // client run one after another; different clients keep their own cached prefixes.
    QString clientId;
    JobPriority priority = JobPriority::Interactive;
    QList<QPair<QString, QString>> turns; // ChatTurn, SummaryStep: (role, content), system first
    QString prompt;                       // Completion: text (BOS added when the model asks)
    QList<int> promptTokens;              // Completion: token ids, used instead of the text
    QStringList texts;                    // Embedding
    QList<QList<int>> tokenSequences;     // Embedding: token ids, used instead of the texts (benchmarks)
    hearth::SamplingParams sampling;
    int maxTokens = 1024;
    QStringList stopStrings;                // besides the turn ends the chat template needs
    bool ignoreEndOfGeneration = false;     // benchmarks: always run maxTokens
    bool jsonObject = false;                // the answer is one JSON object (constrained sampling)
    int topLogprobs = -1;                   // -1: none; 0-20: report each token's log-probability
    QList<int> forcedTokens;                // Completion: score these instead of sampling (perplexity)
    // Set by EngineService::cancel; the service makes it when the job is submitted.
    std::shared_ptr<std::atomic<bool>> cancel;
};

// A generated token's log-probability under the model, with the likeliest tokens at its step.
struct TokenChoice {
    QByteArray bytes; // the token's bytes: may be part of a UTF-8 character
    float logprob = 0;
    QList<QPair<QByteArray, float>> top; // best first
};
using TokenChoices = QList<TokenChoice>;

// One text's embedding, from an Embedding job.
struct TextEmbedding {
    QList<float> values;    // the model's embedding length, unit length
    int tokens = 0;         // tokens the model read
    bool truncated = false; // longer than the model's context: only its start was read
};

struct JobStats {
    int promptTokens = 0;    // the prompt's length
    int evaluatedTokens = 0; // prompt tokens the model ran (the rest came from the cache)
    int cachedTokens = 0;    // prompt tokens the client's cache already held
    int generatedTokens = 0;
    int contextTokens = 0;   // tokens the client's cache holds after the job
    double promptMs = 0;     // the job's own time reading its prompt
    double generationMs = 0; // the job's own time generating
    double firstTokenMs = 0; // from the job's start to its first token, waits for others included
    QString finishReason;    // "length", "eog", "stop", "cancel"
    QList<int> promptTokenIds;
    QList<int> tokens;                  // generated
    QList<QPair<int, float>> topLogits; // the 10 best after the prompt
    TokenChoices logprobs;              // with topLogprobs >= 0, one per generated token
    QList<TextEmbedding> embeddings;    // Embedding: one per text, in order (promptMs: the time they took)

    double tokensPerSecond() const { return generationMs > 0 ? 1000.0 * generatedTokens / generationMs : 0; }
    double promptTokensPerSecond() const { return promptMs > 0 ? 1000.0 * evaluatedTokens / promptMs : 0; }
};

// A model to load, with the sessions' shape.
struct LoadRequest {
    QString path;
    QString device;         // "" for the best GPU (or $HEARTH_DEVICE), a number, part of a name, "reference"
    int contextLength = 4096;
    int batchSize = 256;    // prompt tokens per forward pass, and per scheduling step
};

// A model the worker has loaded.
struct LoadedModel {
    QString path;
    QString name;   // from its metadata, else the file's name
    QString device;
    int contextLength = 0;   // of every session (the request's, clamped to what the model was trained for)
    int sessionCapacity = 0; // sessions the memory plan holds at once
    int vocabSize = 0;
    qint64 weightBytes = 0;  // read per decoded token
    bool embedding = false;  // an embedding model: it takes Embedding jobs, and nothing else
    int embeddingLength = 0;
};

// What happens to jobs running when another model is loaded (or the model is unloaded).
enum class SwitchPolicy {
    WaitForJobs, // running jobs finish first; jobs that had not started fail
    CancelJobs,  // running jobs end as cancelled at their next step; waiting ones fail
};

Q_DECLARE_METATYPE(EngineJob)
Q_DECLARE_METATYPE(JobStats)
Q_DECLARE_METATYPE(TokenChoices)
Q_DECLARE_METATYPE(LoadRequest)
Q_DECLARE_METATYPE(LoadedModel)
Q_DECLARE_METATYPE(SwitchPolicy)
