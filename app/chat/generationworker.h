#pragma once
// Owns the engine, the loaded model and its session on a thread of their own (the GUI thread
// never waits for them). Requests come in and results go out as queued calls and signals that
// carry plain values; cancellation is a shared atomic flag the decode loop checks every token.
#include "hearth/sampler.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <atomic>
#include <memory>

namespace hearth {
class Engine;
class Model;
class Session;
} // namespace hearth

struct GenerationRequest {
    qint64 messageId = 0;                  // the assistant message being written
    QList<QPair<QString, QString>> turns;  // (role, content), system prompt first when there is one
    hearth::SamplingParams sampling;
    int maxTokens = 1024;
};

struct GenerationStats {
    int promptTokens = 0; // tokens the model actually evaluated (the rest came from the cache)
    int generatedTokens = 0;
    double tokensPerSecond = 0;
    double firstTokenMs = 0;
    QString finishReason; // "length", "eog", "stop", "cancel"
};

class GenerationWorker : public QObject {
    Q_OBJECT
  public:
    explicit GenerationWorker(std::shared_ptr<std::atomic<bool>> cancel, QObject* parent = nullptr);
    ~GenerationWorker() override;

  public slots:
    // device: "" for the best GPU, a number, a part of a name, or "reference".
    void loadModel(const QString& path, const QString& device, int contextLength);
    void unloadModel();
    void generate(const GenerationRequest& request);

  signals:
    void loadStarted(const QString& path); // the previous model, if any, is unloaded by now
    void loadProgress(double fraction);
    void modelLoaded(const QString& path, const QString& name, const QString& device);
    void modelUnloaded();
    void loadFailed(const QString& path, const QString& error);
    void pieceGenerated(qint64 messageId, const QString& piece);
    void warning(const QString& text);
    void generationFinished(qint64 messageId, const GenerationStats& stats);
    void generationFailed(qint64 messageId, const QString& error);

  private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::unique_ptr<hearth::Engine> m_engine;
    QString m_engineDevice;
    std::unique_ptr<hearth::Model> m_model;
    std::unique_ptr<hearth::Session> m_session;
};

Q_DECLARE_METATYPE(GenerationRequest)
Q_DECLARE_METATYPE(GenerationStats)
