#pragma once
// How answers are generated, persisted with QSettings. Every read goes to QSettings, so a change
// made on the Settings page applies to the next answer without a restart.
#include "hearth/sampler.h"

#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

class GenerationSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ChatController")
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY changed)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY changed)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY changed)
    Q_PROPERTY(double minP READ minP WRITE setMinP NOTIFY changed)
    Q_PROPERTY(double repeatPenalty READ repeatPenalty WRITE setRepeatPenalty NOTIFY changed)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY changed)
    Q_PROPERTY(int contextLength READ contextLength WRITE setContextLength NOTIFY changed)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY changed)

  public:
    explicit GenerationSettings(QObject* parent = nullptr);

    double temperature() const { return read("temperature", 0.7).toDouble(); }
    double topP() const { return read("topP", 0.95).toDouble(); }
    int topK() const { return read("topK", 40).toInt(); }
    double minP() const { return read("minP", 0.05).toDouble(); }
    double repeatPenalty() const { return read("repeatPenalty", 1.1).toDouble(); }
    int maxTokens() const { return read("maxTokens", 1024).toInt(); }
    int contextLength() const { return read("contextLength", 4096).toInt(); }
    QString systemPrompt() const { return read("systemPrompt", QString()).toString(); }

    void setTemperature(double v) { write("temperature", qBound(0.0, v, 2.0)); }
    void setTopP(double v) { write("topP", qBound(0.0, v, 1.0)); }
    void setTopK(int v) { write("topK", qBound(0, v, 1000)); }
    void setMinP(double v) { write("minP", qBound(0.0, v, 1.0)); }
    void setRepeatPenalty(double v) { write("repeatPenalty", qBound(1.0, v, 2.0)); }
    void setMaxTokens(int v) { write("maxTokens", qBound(1, v, 32768)); }
    void setContextLength(int v) { write("contextLength", qBound(256, v, 131072)); }
    void setSystemPrompt(const QString& v) { write("systemPrompt", v); }

    hearth::SamplingParams samplingParams() const;

  signals:
    void changed();

  private:
    QVariant read(const char* key, const QVariant& fallback) const;
    void write(const char* key, const QVariant& value);
};
