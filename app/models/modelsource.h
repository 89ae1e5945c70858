#pragma once
// Where an installed model came from: Hearth's own models folder, a folder the user added, or
// another app's store that Hearth uses in place (and never changes or deletes).
#include <optional>
#include <QString>

enum class ModelSource { Hearth, Folder, HuggingFace, LmStudio, Ollama };

// "hearth", "folder", "huggingface", "lmstudio", "ollama": the CLI's JSON and the settings keys.
QString modelSourceKey(ModelSource source);
std::optional<ModelSource> modelSourceFromKey(const QString& key);
// What a person reads: "Hugging Face", "LM Studio" (translated where it is a word).
QString modelSourceLabel(ModelSource source);
// The other apps' stores: models from them are forgotten, never deleted.
inline bool isExternalSource(ModelSource source)
{
    return source != ModelSource::Hearth && source != ModelSource::Folder;
}
