#include "modelsource.h"

#include <QCoreApplication>

QString modelSourceKey(ModelSource source)
{
    switch (source) {
    case ModelSource::Hearth:
        return QStringLiteral("hearth");
    case ModelSource::Folder:
        return QStringLiteral("folder");
    case ModelSource::HuggingFace:
        return QStringLiteral("huggingface");
    case ModelSource::LmStudio:
        return QStringLiteral("lmstudio");
    case ModelSource::Ollama:
        return QStringLiteral("ollama");
    }
    return {};
}

std::optional<ModelSource> modelSourceFromKey(const QString& key)
{
    for (ModelSource source : {ModelSource::Hearth, ModelSource::Folder, ModelSource::HuggingFace,
                               ModelSource::LmStudio, ModelSource::Ollama})
        if (modelSourceKey(source) == key)
            return source;
    return std::nullopt;
}

QString modelSourceLabel(ModelSource source)
{
    switch (source) {
    case ModelSource::Hearth:
        return QStringLiteral("Hearth");
    case ModelSource::Folder:
        return QCoreApplication::translate("ModelSource", "Folder");
    case ModelSource::HuggingFace:
        return QStringLiteral("Hugging Face");
    case ModelSource::LmStudio:
        return QStringLiteral("LM Studio");
    case ModelSource::Ollama:
        return QStringLiteral("Ollama");
    }
    return {};
}
