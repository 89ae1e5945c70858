#include "generationsettings.h"

#include <QDateTime>

namespace {
QString settingsKey(const char* key)
{
    return QStringLiteral("generation/") + QLatin1String(key);
}
} // namespace

GenerationSettings::GenerationSettings(QObject* parent) : QObject(parent) {}

QVariant GenerationSettings::read(const char* key, const QVariant& fallback) const
{
    return QSettings().value(settingsKey(key), fallback);
}

void GenerationSettings::write(const char* key, const QVariant& value)
{
    QSettings settings;
    if (settings.value(settingsKey(key)) == value)
        return;
    settings.setValue(settingsKey(key), value);
    emit changed();
}

hearth::SamplingParams GenerationSettings::samplingParams() const
{
    hearth::SamplingParams p;
    p.temperature = float(temperature());
    p.top_p = float(topP());
    p.top_k = topK();
    p.min_p = float(minP());
    p.repeat_penalty = float(repeatPenalty());
    p.seed = quint64(QDateTime::currentMSecsSinceEpoch());
    return p;
}
