// hearth-cli's command list: every command registers itself from its own file, and `hearth-cli
// --help` lists them all, sorted by name, each one answering its own --help.
#include "cli_run.h"

#include <QtTest>

namespace {

// The command names of the "commands:" section of the usage text, in the order printed.
QStringList listedCommands(const QByteArray& usage)
{
    QStringList names;
    bool inList = false;
    for (const QString& line : QString::fromUtf8(usage).split(QLatin1Char('\n'))) {
        if (line == QLatin1String("commands:"))
            inList = true;
        else if (inList && line.startsWith(QLatin1String("  ")))
            names << line.trimmed().section(QLatin1Char(' '), 0, 0);
        else if (inList)
            break;
    }
    return names;
}

} // namespace

class TestHelp : public QObject {
    Q_OBJECT

  private slots:
    void listsEveryCommandSorted()
    {
        const CliRun help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QStringList names = listedCommands(help.out);
        // The commands that existed when registration replaced the table: none may be dropped.
        for (const char* name : {"bench", "chat", "chat-template", "conversations", "devices", "generate",
                                 "info", "kernel-bench", "make-test-model", "models", "tokenize", "version"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
        QCOMPARE(runCli({QStringLiteral("help")}).out, help.out);
    }

    void everyCommandAnswersHelp()
    {
        for (const QString& name : listedCommands(runCli({QStringLiteral("--help")}).out)) {
            const CliRun run = runCli({name, QStringLiteral("--help")}, 30000);
            QVERIFY2(run.exitCode == 0, qPrintable(name + ": " + QString::fromUtf8(run.err)));
            QVERIFY2(!run.out.isEmpty(), qPrintable(name));
        }
    }

    void unknownCommandShowsUsage()
    {
        const CliRun run = runCli({QStringLiteral("no-such-command")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith("hearth-cli: unknown command 'no-such-command'\n"));
        QCOMPARE(listedCommands(run.err), listedCommands(runCli({QStringLiteral("--help")}).out));
        QCOMPARE(runCli({}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestHelp)
#include "tst_help.moc"
