#include "generationworker.h"

#include "hearth/chat_prompt.h"
#include "hearth/engine.h"
#include "hearth/error.h"

#include <QFileInfo>

GenerationWorker::GenerationWorker(std::shared_ptr<std::atomic<bool>> cancel, QObject* parent)
    : QObject(parent), m_cancel(std::move(cancel))
{
}

GenerationWorker::~GenerationWorker()
{
    // A Session must not outlive its Model, nor a Model its Engine.
    m_session.reset();
    m_model.reset();
    m_engine.reset();
}

void GenerationWorker::loadModel(const QString& path, const QString& chosenDevice, int contextLength)
{
    // No choice in the settings: $HEARTH_DEVICE, as for hearth-cli (it may name "reference").
    const QString device = chosenDevice.isEmpty() ? qEnvironmentVariable("HEARTH_DEVICE") : chosenDevice;
    unloadModel();
    emit loadStarted(path);
    m_cancel->store(false);
    try {
        hearth::LoadOptions options;
        options.progress = [this](double fraction) {
            emit loadProgress(fraction);
            return !m_cancel->load();
        };
        const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
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
        sessionOptions.context_length = uint32_t(qMax(256, contextLength));
        m_session = m_model->create_session(sessionOptions);
        if (const uint64_t spilled = m_model->weights_in_system_memory())
            emit warning(tr("%1 GB of this model did not fit in the GPU's memory and stay in system memory: "
                            "answers come more slowly.")
                             .arg(double(spilled) / 1e9, 0, 'f', 1));
        const QString name = QString::fromStdString(m_model->name());
        emit modelLoaded(path, name.isEmpty() ? QFileInfo(path).completeBaseName() : name,
                         QString::fromStdString(m_model->device_name()));
    } catch (const std::exception& e) {
        m_session.reset();
        m_model.reset();
        emit loadFailed(path, QString::fromUtf8(e.what()));
    }
}

void GenerationWorker::unloadModel()
{
    const bool had = m_model != nullptr;
    m_session.reset();
    m_model.reset();
    if (had)
        emit modelUnloaded();
}

void GenerationWorker::generate(const GenerationRequest& request)
{
    if (!m_model || !m_session) {
        emit generationFailed(request.messageId, tr("No model is loaded. Choose one in the model picker."));
        return;
    }
    // The controller cleared the cancel flag when it queued this request; clearing it here
    // again would lose a Stop pressed before the worker got to the request.
    try {
        std::vector<hearth::ChatMessage> messages;
        for (const auto& [role, content] : request.turns)
            messages.push_back({role.toStdString(), content.toStdString()});
        const hearth::ChatPrompt prompt = hearth::build_chat_prompt(*m_model, messages);
        if (!prompt.warning.empty())
            emit warning(QString::fromStdString(prompt.warning));

        hearth::Sampler sampler(request.sampling);
        hearth::GenerateOptions options;
        options.max_tokens = request.maxTokens;
        options.stop_strings = prompt.stop_strings;
        options.cancel = m_cancel.get();
        const hearth::GenerateResult result =
            hearth::generate(*m_session, *m_model, sampler, prompt.tokens, options, [&](std::string_view piece) {
                emit pieceGenerated(request.messageId, QString::fromUtf8(piece.data(), qsizetype(piece.size())));
            });
        GenerationStats stats;
        stats.promptTokens = int(result.prompt_tokens);
        stats.generatedTokens = int(result.tokens.size());
        stats.tokensPerSecond = result.generation_tokens_per_second();
        stats.firstTokenMs = result.first_token_ms;
        stats.finishReason = QString::fromLatin1(hearth::stop_reason_name(result.stop_reason));
        emit generationFinished(request.messageId, stats);
    } catch (const std::exception& e) {
        emit generationFailed(request.messageId, QString::fromUtf8(e.what()));
    }
}
