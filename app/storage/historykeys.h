#pragma once
// The keys of the encrypted histories this process has unlocked, by database file. Every
// connection to the file (the chat, the documents, an import thread, a CLI command) reads its
// key here, so one unlock serves them all; nothing is written to disk. The one piece of
// process-wide state in storage/, against house rule 7, because a key must reach connections
// opened by code that never saw the passphrase: the window's controllers are created by QML
// without arguments and open their own connections, the document import opens one on a pool
// thread, and a CLI command opens its database deep inside (chat's SavedChat). Holding the key
// in each Database would mean threading it through every one of those constructors and through
// QML; the registry is the smaller evil. It holds keys only (never passphrases), wipes a key when
// forgotten, and is guarded by a mutex since pool threads read it.
#include "core/historycipher.h"

#include <optional>
#include <QString>

namespace history_keys {

void remember(const QString& databasePath, const history_cipher::Key& key);
std::optional<history_cipher::Key> find(const QString& databasePath);
void forget(const QString& databasePath);

} // namespace history_keys
