// hearth-cli network-log: the requests Hearth made, as saved in network-log.jsonl in the data
// folder. The window keeps its log in memory; it (and hearth-cli's own network commands) append to
// that file only while saving is on (Settings, or --enable here), so the file is the record across
// processes and runs. This command itself makes no request.
#include "command.h"
#include "core/datapaths.h"
#include "core/networkrecord.h"
#include "core/networksettings.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTextStream>

namespace {
const QString kSaveLogKey = QStringLiteral("network/saveLog");
}

int runNetworkLog(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The network requests Hearth made, from the saved network log."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per request."));
    const QCommandLineOption enable(QStringLiteral("enable"),
                                    QStringLiteral("Save the log from now on (the window's setting)."));
    const QCommandLineOption disable(QStringLiteral("disable"), QStringLiteral("Stop saving the log."));
    const QCommandLineOption clear(QStringLiteral("clear"), QStringLiteral("Delete the saved log."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Hearth's data folder."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption help(QStringLiteral("help"), QStringLiteral("Show this help."));
    parser.addOptions({json, enable, disable, clear, dataDir, help});
    if (!parser.parse(QStringList{QStringLiteral("hearth-cli network-log")} + args)) {
        err << "hearth-cli network-log: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(help)) {
        out << parser.helpText();
        return 0;
    }
    if (parser.isSet(dataDir))
        DataPaths::setOverride(parser.value(dataDir));
    const QString path = networkLogPath();
    QSettings settings;
    if (parser.isSet(enable) || parser.isSet(disable)) {
        settings.setValue(kSaveLogKey, parser.isSet(enable));
        out << (parser.isSet(enable) ? "Hearth now saves its network log to "
                                     : "Hearth no longer saves its network log; ")
            << path << "\n";
        return 0;
    }
    if (parser.isSet(clear)) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            err << "hearth-cli network-log: could not delete " << path << "\n";
            return 1;
        }
        out << "Deleted the saved network log " << path << "\n";
        return 0;
    }
    const bool saving = settings.value(kSaveLogKey, false).toBool();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "No saved network log at " << path << ". "
            << (saving ? "Saving is on; no request has been made since."
                       : "Saving is off: the window keeps its log in memory only (its Network page). "
                         "Turn saving on in Settings or with `hearth-cli network-log --enable`.")
            << "\n";
        return 0;
    }
    if (!saving)
        err << "(saving is off: requests made since it was turned off are not in this file)\n";
    int count = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject())
            continue;
        ++count;
        if (parser.isSet(json)) {
            out << line << "\n";
            continue;
        }
        const NetworkRecord r = NetworkRecord::fromJson(doc.object());
        out << r.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  " << r.host << "  "
            << r.purpose << "  in " << r.bytesIn << " B  out " << r.bytesOut << " B  " << r.result << "\n    "
            << r.url << "\n";
    }
    if (count == 0 && !parser.isSet(json))
        err << "The saved network log " << path << " is empty.\n";
    return 0;
}

static const CommandRegistrar registration("network-log", "the network requests Hearth made (saved log)",
                                           runNetworkLog);
