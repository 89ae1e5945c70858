#pragma once
// Runs the built hearth-cli with arguments, as a user would, and collects what it printed.
#include "testdata.h"

#include <QProcess>
#include <QStringList>

struct CliRun {
    int exitCode;
    QByteArray out, err;
};

inline CliRun runCli(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(hearthCli(), args);
    p.waitForFinished(timeoutMs);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
