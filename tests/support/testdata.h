#pragma once
// Where the shared test data lives: $HEARTH_TESTDATA, else ../shared/testdata next to the checkout.
#include <QDir>
#include <QString>
#include <QtTest>

inline QString testdataDir()
{
    const QByteArray env = qgetenv("HEARTH_TESTDATA");
    return QDir::cleanPath(env.isEmpty() ? QStringLiteral(HEARTH_DEFAULT_TESTDATA) : QString::fromLocal8Bit(env));
}

inline QString testdataPath(const QString& relative)
{
    return testdataDir() + QLatin1Char('/') + relative;
}

// The built hearth-cli, for tests that drive the command line.
inline QString hearthCli()
{
    const QByteArray env = qgetenv("HEARTH_CLI");
    return env.isEmpty() ? QStringLiteral(HEARTH_BINARY_DIR "/bin/hearth-cli") : QString::fromLocal8Bit(env);
}
