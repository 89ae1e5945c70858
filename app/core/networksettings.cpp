#include "networksettings.h"

#include "datapaths.h"
#include "networkgate.h"

#include <QDir>
#include <QSettings>

namespace {
const QString kOfflineKey = QStringLiteral("network/offline");
const QString kSaveLogKey = QStringLiteral("network/saveLog");

bool offlineForcedByEnvironment()
{
    const QByteArray value = qgetenv("HEARTH_OFFLINE").trimmed();
    return !value.isEmpty() && value != "0";
}
} // namespace

QString networkLogPath()
{
    return QDir(DataPaths::dataDir()).filePath(QStringLiteral("network-log.jsonl"));
}

void applyNetworkSettings(NetworkGate* gate, bool forceOffline, bool rememberChanges)
{
    const QSettings settings;
    gate->setOffline(forceOffline || offlineForcedByEnvironment() ||
                     settings.value(kOfflineKey, false).toBool());
    gate->setSaveLog(settings.value(kSaveLogKey, false).toBool());
    if (!rememberChanges)
        return;
    QObject::connect(gate, &NetworkGate::offlineChanged, gate,
                     [](bool on) { QSettings().setValue(kOfflineKey, on); });
    QObject::connect(gate, &NetworkGate::saveLogChanged, gate,
                     [](bool on) { QSettings().setValue(kSaveLogKey, on); });
}
