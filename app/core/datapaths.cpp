#include "datapaths.h"

#include <QDir>
#include <QStandardPaths>

namespace {
QString& overrideDir()
{
    static QString dir;
    return dir;
}
} // namespace

QString DataPaths::dataDir()
{
    QString dir = overrideDir();
    if (dir.isEmpty())
        dir = qEnvironmentVariable("HEARTH_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir::cleanPath(QDir(dir).absolutePath());
}

void DataPaths::setOverride(const QString& dir)
{
    overrideDir() = dir;
}

bool DataPaths::takeDataDirOption(QStringList& args)
{
    const QString option = QStringLiteral("--data-dir");
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == option) {
            if (i + 1 >= args.size())
                return false;
            setOverride(args[i + 1]);
            args.remove(i, 2);
            return true;
        }
        if (args[i].startsWith(option + QLatin1Char('='))) {
            setOverride(args[i].mid(option.size() + 1));
            args.remove(i);
            return true;
        }
    }
    return true;
}
