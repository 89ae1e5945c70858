#pragma once
// The keys of the encrypted histories this process has unlocked, by database file. Every
// connection to the file (the chat, the documents, an import thread, a CLI command) reads its
// key here, so one unlock serves them all; nothing is written to disk. The one piece of
// process-wide state in storage/: a key must reach connections opened by code that never saw
// the passphrase.
#include "core/historycipher.h"

#include <optional>
#include <QString>

namespace history_keys {

void remember(const QString& databasePath, const history_cipher::Key& key);
std::optional<history_cipher::Key> find(const QString& databasePath);
void forget(const QString& databasePath);

} // namespace history_keys
