#include "engineworker.h"

#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/tokenizer.h"
#include "jobprompt.h"
#include "jobscheduler.h"

#include <chrono>
#include <new>
#include <QCoreApplication>
#include <QFileInfo>

namespace {

// What the user reads for an exception out of the engine: std::bad_alloc's own text says nothing.
QString errorText(const std::exception& e)
{
    if (dynamic_cast<const std::bad_alloc*>(&e))
        return QCoreApplication::translate(
            "EngineWorker", "this computer ran out of memory; close other programs or choose a "
                            "smaller model");
    return QString::fromUtf8(e.what());
}

} // namespace

struct EngineWorker::ActiveJob {
    qint64 id = 0;
    qint64 arrival = 0;
    EngineJob job;
    bool started = false;
    JobPrompt prompt;
    std::unique_ptr<hearth::Sampler> sampler;
    std::unique_ptr<hearth::Generation> generation;
    size_t logprobsSent = 0;
    QList<TextEmbedding> embeddings; // Embedding: done so far
    double embeddingMs = 0;
};

namespace {

// Texts (or token sequences) an Embedding job embeds per step, between which other jobs and
// switches are taken: about one encoder pass (2048 tokens) of 512-token chunks, seconds on a
// CPU Vulkan driver.
constexpr qsizetype kTextsPerStep = 4;

} // namespace

EngineWorker::EngineWorker(int maxSessions, std::shared_ptr<std::atomic<bool>> loadCancel)
    : m_maxSessions(maxSessions), m_loadCancel(std::move(loadCancel))
{
    m_sessions.onDropped = [this](const QString& clientId) { emit sessionDropped(clientId); };
}

EngineWorker::~EngineWorker()
{
    m_jobs.clear();
    m_sessions.reset(nullptr, {}, 0);
    m_embedder.reset();
    m_model.reset();
    m_engine.reset();
}

void EngineWorker::schedule()
{
    if (m_stepPosted)
        return;
    m_stepPosted = true;
    QMetaObject::invokeMethod(this, &EngineWorker::runStep, Qt::QueuedConnection);
}

void EngineWorker::submit(qint64 jobId, const EngineJob& job)
{
    if (!m_model && !m_switch) {
        emit jobFailed(jobId, tr("No model is loaded. Choose one in the model picker."));
        return;
    }
    auto active = std::make_unique<ActiveJob>();
    active->id = jobId;
    active->arrival = ++m_arrivals;
    active->job = job;
    m_jobs.emplace(jobId, std::move(active));
    schedule();
}

void EngineWorker::releaseClient(const QString& clientId)
{
    for (const auto& [id, job] : m_jobs)
        if (job->job.clientId == clientId && job->started)
            return; // still in use; a deleted conversation's answer is cancelled by its owner first
    m_sessions.release(clientId);
}

void EngineWorker::load(const LoadRequest& request, SwitchPolicy policy)
{
    requestSwitch({request, policy, {}});
}

void EngineWorker::unload(SwitchPolicy policy)
{
    requestSwitch({std::nullopt, policy, {}});
}

void EngineWorker::requestSwitch(Switch request)
{
    // Jobs queued for the old model fail now; running ones finish (wait) or end at their next
    // step (cancel). A second switch asked for while one waits replaces it.
    if (m_switch)
        request.oldJobs = m_switch->oldJobs;
    QList<qint64> waiting;
    for (const auto& [id, job] : m_jobs) {
        request.oldJobs.insert(id);
        if (!job->started)
            waiting.append(id);
        else if (request.policy == SwitchPolicy::CancelJobs && job->job.cancel)
            job->job.cancel->store(true);
    }
    const QString target = request.load ? QFileInfo(request.load->path).fileName() : QString();
    for (qint64 id : waiting)
        failJob(id,
                target.isEmpty()
                    ? tr("The model was unloaded before this request ran.")
                    : tr("The model was switched to %1 before this request ran; send it again.").arg(target));
    m_switch = std::move(request);
    schedule();
}

void EngineWorker::runStep()
{
    m_stepPosted = false;
    endCancelledWaitingJobs();
    QList<JobSlot> runnable;
    for (const auto& [id, job] : m_jobs)
        if (!m_switch || m_switch->oldJobs.contains(id)) // new jobs wait for the new model
            runnable.append({id, job->job.clientId, job->job.priority, job->arrival, job->started});
    if (m_switch && runnable.isEmpty()) {
        const Switch request = *std::exchange(m_switch, std::nullopt);
        performSwitch(request);
        // Jobs that arrived during the switch run on the new model, or fail without one.
        if (!m_model) {
            QList<qint64> waiting;
            for (const auto& [jobId, job] : m_jobs)
                waiting.append(jobId);
            for (qint64 jobId : waiting)
                failJob(jobId, tr("No model is loaded. Choose one in the model picker."));
        }
    } else if (const qint64 id = nextJob(runnable)) {
        stepJob(*m_jobs.at(id));
    }
    if (!m_jobs.empty() || m_switch)
        schedule();
}

void EngineWorker::endCancelledWaitingJobs()
{
    // A cancelled job ends at once, even while a job of higher priority holds the device.
    QList<qint64> cancelled;
    for (const auto& [id, job] : m_jobs)
        if (job->job.cancel && job->job.cancel->load())
            cancelled.append(id);
    for (qint64 id : cancelled) {
        ActiveJob& job = *m_jobs.at(id);
        if (job.generation)
            job.generation->cancel([&](std::string_view piece) {
                emit jobPiece(id, QString::fromUtf8(piece.data(), qsizetype(piece.size())));
            });
        finishJob(id);
    }
}

void EngineWorker::startJob(ActiveJob& job)
{
    job.prompt = buildJobPrompt(*m_model, job.job, m_contextLength);
    if (!job.prompt.warning.empty())
        emit warning(QString::fromStdString(job.prompt.warning));
    job.sampler = std::make_unique<hearth::Sampler>(job.job.sampling);
    hearth::GenerateOptions options;
    options.max_tokens = job.job.maxTokens;
    options.stop_strings = job.prompt.stopStrings;
    options.cancel = job.job.cancel.get();
    options.ignore_end_of_generation = job.job.ignoreEndOfGeneration;
    options.json_object = job.job.jsonObject;
    options.top_logprobs = job.job.topLogprobs;
    options.forced_tokens.assign(job.job.forcedTokens.begin(), job.job.forcedTokens.end());
    const uint32_t chunk = uint32_t(qMax(1, int(m_sessions.batchSize())));
    job.generation =
        std::make_unique<hearth::Generation>(*m_model, *job.sampler, job.prompt.tokens, options, chunk);
}

void EngineWorker::stepEmbedding(ActiveJob& job)
{
    const qint64 id = job.id;
    try {
        if (!m_embedder)
            m_model->create_embedder(); // throws: a text generation model, saying what to use instead
        const bool tokens = !job.job.tokenSequences.isEmpty();
        const qsizetype total = tokens ? job.job.tokenSequences.size() : job.job.texts.size();
        if (total == 0)
            throw hearth::Error("there is nothing to embed (no texts)");
        if (!job.started) {
            job.started = true;
            emit jobStarted(id);
        }
        const qsizetype first = job.embeddings.size(), count = std::min(kTextsPerStep, total - first);
        const auto start = std::chrono::steady_clock::now();
        if (tokens) {
            std::vector<std::vector<int32_t>> sequences;
            for (qsizetype i = first; i < first + count; ++i)
                sequences.emplace_back(job.job.tokenSequences[i].begin(), job.job.tokenSequences[i].end());
            const auto vectors = m_embedder->embed_tokens(sequences, job.job.cancel.get());
            for (size_t i = 0; i < vectors.size(); ++i)
                job.embeddings.append(
                    {QList<float>(vectors[i].begin(), vectors[i].end()), int(sequences[i].size()), false});
        } else {
            std::vector<std::string> texts;
            for (qsizetype i = first; i < first + count; ++i)
                texts.push_back(job.job.texts[i].toStdString());
            for (const hearth::Embedding& e : m_embedder->embed(texts, job.job.cancel.get()))
                job.embeddings.append(
                    {QList<float>(e.values.begin(), e.values.end()), int(e.tokens), e.truncated});
        }
        job.embeddingMs +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (job.embeddings.size() == total)
            finishJob(id);
    } catch (const hearth::DeviceLostError& e) {
        recoverFromDeviceLoss(QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
        failJob(id, errorText(e));
    }
}

void EngineWorker::stepJob(ActiveJob& job)
{
    if (job.job.kind == JobKind::Embedding) {
        stepEmbedding(job);
        return;
    }
    const qint64 id = job.id;
    try {
        if (m_embedder)
            m_model->create_session(); // throws: an embedding model cannot chat, and says so
        if (!job.generation)
            startJob(job);
        std::vector<int32_t> lost;
        hearth::Session& session = m_sessions.acquire(job.job.clientId, &lost);
        // Dropped mid-answer to make room for another client: rebuilt from what it held.
        if (!lost.empty() && !job.generation->reading_prompt())
            job.generation->restore(session, lost);
        session.set_keep_tokens(job.prompt.keepTokens);
        if (!job.started) {
            job.started = true;
            emit jobStarted(id);
        }
        const bool more = job.generation->step(session, [&](std::string_view piece) {
            sendLogprobs(job);
            emit jobPiece(id, QString::fromUtf8(piece.data(), qsizetype(piece.size())));
        });
        if (!more)
            finishJob(id);
    } catch (const hearth::DeviceLostError& e) {
        recoverFromDeviceLoss(QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
        failJob(id, errorText(e));
    }
}

void EngineWorker::recoverFromDeviceLoss(const QString& error)
{
    // The sessions of started jobs were on the lost device; jobs not started yet simply wait.
    QList<qint64> ran;
    for (const auto& [id, job] : m_jobs)
        if (job->started || job->generation)
            ran.append(id);
    for (qint64 id : ran)
        failJob(id,
                tr("The answer was interrupted: %1. Hearth restarted the engine; send it again.").arg(error));
    const std::optional<LoadRequest> reload = m_loaded;
    performUnload();
    m_engine.reset();
    emit warning(
        reload ? tr("The GPU stopped responding; Hearth restarted its engine and is loading the model again.")
               : tr("The GPU stopped responding; Hearth restarted its engine."));
    if (reload && !m_switch)
        m_switch = Switch{reload, SwitchPolicy::WaitForJobs, {}};
    schedule();
}

TokenChoices EngineWorker::tokenChoices(const std::vector<hearth::TokenLogprob>& logprobs, size_t from) const
{
    const hearth::Tokenizer& tokenizer = m_model->tokenizer();
    const auto bytes = [&](int32_t token) { return QByteArray::fromStdString(tokenizer.token_piece(token)); };
    TokenChoices choices;
    for (size_t i = from; i < logprobs.size(); ++i) {
        TokenChoice choice{bytes(logprobs[i].token), logprobs[i].logprob, {}};
        for (const auto& [token, logprob] : logprobs[i].top)
            choice.top.append({bytes(token), logprob});
        choices.append(choice);
    }
    return choices;
}

void EngineWorker::sendLogprobs(ActiveJob& job)
{
    const std::vector<hearth::TokenLogprob>& logprobs = job.generation->result().logprobs;
    if (logprobs.size() <= job.logprobsSent)
        return;
    emit jobTokens(job.id, tokenChoices(logprobs, job.logprobsSent));
    job.logprobsSent = logprobs.size();
}

void EngineWorker::finishJob(qint64 id)
{
    const auto found = m_jobs.find(id);
    if (found == m_jobs.end())
        return;
    ActiveJob& job = *found->second;
    JobStats stats;
    stats.promptTokens = int(job.prompt.tokens.size());
    for (int32_t t : job.prompt.tokens)
        stats.promptTokenIds.append(t);
    if (job.generation) {
        const hearth::GenerateResult& r = job.generation->result();
        stats.evaluatedTokens = int(r.prompt_tokens);
        stats.cachedTokens = int(r.cached_tokens);
        stats.generatedTokens = int(r.tokens.size());
        stats.promptMs = r.prompt_ms;
        stats.generationMs = r.generation_ms;
        stats.firstTokenMs = r.first_token_ms;
        stats.finishReason = QString::fromLatin1(hearth::stop_reason_name(r.stop_reason));
        for (int32_t t : r.tokens)
            stats.tokens.append(t);
        for (const auto& [token, logit] : r.top_logits)
            stats.topLogits.append({token, logit});
        stats.logprobs = tokenChoices(r.logprobs, 0);
    } else if (job.job.kind == JobKind::Embedding && job.started) {
        const qsizetype total =
            job.job.tokenSequences.isEmpty() ? job.job.texts.size() : job.job.tokenSequences.size();
        stats.embeddings = job.embeddings;
        stats.finishReason = QString::fromLatin1(job.embeddings.size() == total ? "stop" : "cancel");
        for (const TextEmbedding& e : job.embeddings)
            stats.evaluatedTokens += e.tokens;
        stats.promptTokens = stats.evaluatedTokens;
        stats.promptMs = job.embeddingMs;
    } else {
        stats.finishReason = QStringLiteral("cancel"); // ended before it started
    }
    stats.contextTokens = m_sessions.tokensHeld(job.job.clientId);
    m_jobs.erase(found);
    emit jobFinished(id, stats);
}

void EngineWorker::failJob(qint64 id, const QString& error)
{
    m_jobs.erase(id);
    emit jobFailed(id, error);
}

void EngineWorker::performSwitch(const Switch& request)
{
    if (request.load)
        performLoad(*request.load);
    else
        performUnload();
}

void EngineWorker::performUnload()
{
    const bool had = m_model != nullptr;
    m_loaded.reset();
    m_sessions.reset(nullptr, {}, 0);
    m_embedder.reset();
    m_model.reset();
    if (had)
        emit modelUnloaded();
}

void EngineWorker::performLoad(const LoadRequest& request)
{
    // No device chosen: $HEARTH_DEVICE, as for hearth-cli (it may name "reference").
    const QString device = request.device.isEmpty() ? qEnvironmentVariable("HEARTH_DEVICE") : request.device;
    performUnload();
    emit loadStarted(request.path);
    m_loadCancel->store(false);
    try {
        hearth::LoadOptions options;
        options.progress = [this](double fraction) {
            emit loadProgress(fraction);
            return !m_loadCancel->load();
        };
        const std::string file = QFileInfo(request.path).absoluteFilePath().toStdString();
        if (!m_engine || device != m_engineDevice) {
            m_engine.reset();
            try {
                m_engine = std::make_unique<hearth::Engine>(device.toStdString());
            } catch (const hearth::Error& e) {
                if (!device.isEmpty())
                    throw;
                // No usable Vulkan device at all: run on the CPU reference engine rather than not
                // at all, and say so.
                m_engine = std::make_unique<hearth::Engine>("reference");
                emit warning(tr("Running on the CPU, slowly: %1").arg(QString::fromUtf8(e.what())));
            }
            m_engineDevice = device;
        }
        m_model = m_engine->load(file, options);
        hearth::SessionOptions sessionOptions;
        sessionOptions.context_length = uint32_t(qMax(256, request.contextLength));
        sessionOptions.batch_size = uint32_t(qMax(1, request.batchSize));
        m_sessions.reset(m_model.get(), sessionOptions, m_maxSessions);
        if (m_model->is_embedding_model()) {
            // No sessions: a chat job fails in acquire(), saying the model is for embeddings.
            m_embedder = m_model->create_embedder();
            m_contextLength = m_embedder->context_length();
        } else {
            // The first session is made now, so a context too large for the device fails the load
            // (with the bytes it needs) rather than the first answer.
            m_contextLength = m_sessions.acquire(QStringLiteral("engine:probe"), nullptr).context_length();
            m_sessions.release(QStringLiteral("engine:probe"));
        }
        if (const uint64_t spilled = m_model->weights_in_system_memory())
            emit warning(tr("%1 GB of this model did not fit in the GPU's memory and stay in system memory: "
                            "answers come more slowly.")
                             .arg(double(spilled) / 1e9, 0, 'f', 1));
        LoadedModel loaded;
        loaded.path = request.path;
        loaded.name = QString::fromStdString(m_model->name());
        if (loaded.name.isEmpty())
            loaded.name = QFileInfo(request.path).completeBaseName();
        loaded.device = QString::fromStdString(m_model->device_name());
        loaded.contextLength = int(m_contextLength);
        loaded.sessionCapacity = m_sessions.capacity();
        loaded.vocabSize = int(m_model->vocab_size());
        loaded.weightBytes = qint64(m_model->weight_bytes());
        loaded.embedding = m_model->is_embedding_model();
        loaded.embeddingLength = loaded.embedding ? int(m_model->embedding_length()) : 0;
        m_loaded = request;
        emit modelLoaded(loaded);
    } catch (const std::exception& e) {
        m_sessions.reset(nullptr, {}, 0);
        m_embedder.reset();
        m_model.reset();
        if (dynamic_cast<const hearth::DeviceLostError*>(&e))
            m_engine.reset(); // made anew by the next load
        emit loadFailed(request.path, errorText(e));
    }
}
