#include "historykeys.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>

namespace history_keys {

namespace {

QMutex& mutex()
{
    static QMutex instance;
    return instance;
}

QHash<QString, history_cipher::Key>& keys()
{
    static QHash<QString, history_cipher::Key> instance;
    return instance;
}

QString canonical(const QString& path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

void remember(const QString& databasePath, const history_cipher::Key& key)
{
    const QMutexLocker lock(&mutex());
    keys().insert(canonical(databasePath), key);
}

std::optional<history_cipher::Key> find(const QString& databasePath)
{
    const QMutexLocker lock(&mutex());
    const auto it = keys().constFind(canonical(databasePath));
    if (it == keys().constEnd())
        return std::nullopt;
    return *it;
}

void forget(const QString& databasePath)
{
    const QMutexLocker lock(&mutex());
    auto it = keys().find(canonical(databasePath));
    if (it != keys().end()) {
        history_cipher::wipe(*it);
        keys().erase(it);
    }
}

} // namespace history_keys
