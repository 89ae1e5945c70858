#pragma once
// What `-m MODEL` names: a GGUF file, or an installed model by the name `hearth-cli models list`
// shows (Hearth's own, and the models of other apps: OWNER/REPO/FILE, MODEL:TAG).
#include <QString>

class InstalledModels;

// The file to load. Throws hearth::Error when MODEL is neither a file nor an installed model.
QString resolveModelArgument(const QString& model, const InstalledModels& installed);
// The same, scanning the installed models only when MODEL is not a file.
QString resolveModelArgument(const QString& model);
