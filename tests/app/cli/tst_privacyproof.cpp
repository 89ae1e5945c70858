// The privacy proof: a whole session from the command line — chat with a small real model, find
// the chat by search, add and summarize a document, search it, export everything, encrypt the
// history and search it again, and start the window offscreen on the same data — done twice:
// inside a network namespace with no network at all (`unshare -n`: every step must still
// succeed), and under `strace -f -e trace=connect` (no connect() to anything but a Unix socket).
// Root (as in CI) or unprivileged user namespaces are needed for unshare; without them, and
// without strace, the test says so and skips that half.
#include "testdata.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Step {
    QString program; // hearth-cli, or timeout for the window
    QStringList args;
    QString mustPrint; // in stdout, when not empty
    int exitCode = 0;
};

QString hearthWindow()
{
    return QStringLiteral(HEARTH_BINARY_DIR "/bin/hearth");
}

// True when `prefix true` runs (unshare or strace may be missing or not permitted here).
bool works(const QStringList& prefix, QString* why)
{
    QProcess p;
    p.start(prefix.first(), prefix.mid(1) + QStringList{QStringLiteral("true")});
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why =
            QStringLiteral("`%1 true` does not run here (%2): it needs root or unprivileged user namespaces")
                .arg(prefix.join(QLatin1Char(' ')),
                     QString::fromLocal8Bit(p.readAllStandardError()).trimmed() + p.errorString());
        return false;
    }
    return true;
}

} // namespace

class TestPrivacyProof : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;

    QList<Step> session(const QString& dataDir) const
    {
        const QString model = testdataPath(QStringLiteral("stories260K.gguf"));
        const QString document = m_work.filePath(QStringLiteral("garden.txt"));
        const QString passphrase = m_work.filePath(QStringLiteral("passphrase.txt"));
        const QString exported = dataDir + QStringLiteral("/export.json");
        const QStringList data = {QStringLiteral("--data-dir"), dataDir};
        const QString cli = hearthCli();
        return {
            {cli,
             QStringList{QStringLiteral("chat"), QStringLiteral("-m"), model, QStringLiteral("-p"),
                         QStringLiteral("Tell me about the kestrelwool garden"), QStringLiteral("-n"),
                         QStringLiteral("8"), QStringLiteral("--temp"), QStringLiteral("0")} +
                 data,
             {}},
            {cli,
             QStringList{QStringLiteral("conversations"), QStringLiteral("search"),
                         QStringLiteral("kestrelwool")} +
                 data,
             QStringLiteral("kestrelwool")},
            {cli,
             QStringList{QStringLiteral("summarize"), document, QStringLiteral("-m"), model,
                         QStringLiteral("--ctx"), QStringLiteral("512")} +
                 data,
             {}},
            {cli,
             QStringList{QStringLiteral("docs"), QStringLiteral("search"), QStringLiteral("marigolds")} +
                 data,
             QStringLiteral("marigolds")},
            {cli,
             QStringList{QStringLiteral("conversations"), QStringLiteral("export"), QStringLiteral("--all"),
                         QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--output"),
                         exported} +
                 data,
             {}},
            {cli,
             QStringList{QStringLiteral("history"), QStringLiteral("encrypt"),
                         QStringLiteral("--passphrase-file"), passphrase} +
                 data,
             QStringLiteral("encrypted")},
            {cli,
             QStringList{QStringLiteral("conversations"), QStringLiteral("search"),
                         QStringLiteral("kestrelwool"), QStringLiteral("--passphrase-file"), passphrase} +
                 data,
             QStringLiteral("kestrelwool")},
            {cli, QStringList{QStringLiteral("network-log")} + data, {}},
            // The window on the same (encrypted) data: it starts, shows the unlock page and waits
            // until timeout stops it (exit status 124). The signal goes to it, not to a tracer.
            {QStringLiteral("timeout"),
             QStringList{QStringLiteral("-s"), QStringLiteral("TERM"), QStringLiteral("5"), hearthWindow()} +
                 data,
             {},
             124},
        };
    }

    // Runs the session with each step behind prefix (empty: none).
    void runSession(const QStringList& prefix, const QString& dataDir)
    {
        for (const Step& step : session(dataDir)) {
            QProcess p;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dataDir + QStringLiteral("/config"));
            environment.insert(QStringLiteral("HEARTH_MODELS_DIR"), dataDir + QStringLiteral("/models"));
            // In an ASan build (packaging/test.sh --sanitize): LeakSanitizer stops threads with
            // ptrace, which a process strace already traces cannot do. Ignored by normal builds.
            if (environment.contains(QStringLiteral("ASAN_OPTIONS")) &&
                prefix.value(0) == QLatin1String("strace"))
                environment.insert(QStringLiteral("ASAN_OPTIONS"),
                                   environment.value(QStringLiteral("ASAN_OPTIONS")) +
                                       QStringLiteral(":detect_leaks=0"));
            p.setProcessEnvironment(environment);
            QStringList command = prefix;
            command.append(step.program);
            command.append(step.args);
            p.start(command.first(), command.mid(1));
            QVERIFY2(p.waitForStarted(), qPrintable(command.join(QLatin1Char(' '))));
            const bool ended = p.waitForFinished(300000);
            const QString out = QString::fromUtf8(p.readAllStandardOutput());
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QVERIFY2(ended && p.exitStatus() == QProcess::NormalExit && p.exitCode() == step.exitCode,
                     qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(":\n") + err));
            if (!step.mustPrint.isEmpty())
                QVERIFY2(out.contains(step.mustPrint),
                         qPrintable(command.join(QLatin1Char(' ')) + ":\n" + out));
        }
        QVERIFY(QFile(dataDir + QStringLiteral("/export.json")).open(QIODevice::ReadOnly));
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        if (!QFile::exists(testdataPath(QStringLiteral("stories260K.gguf"))))
            QSKIP("stories260K.gguf is not in the test data ($HEARTH_TESTDATA)");
        QFile document(m_work.filePath(QStringLiteral("garden.txt")));
        QVERIFY(document.open(QIODevice::WriteOnly));
        document.write("The garden has marigolds along the wall and beans on the fence.\n\n"
                       "In spring the marigolds flower first; the beans follow in June.\n");
        document.close();
        QFile passphrase(m_work.filePath(QStringLiteral("passphrase.txt")));
        QVERIFY(passphrase.open(QIODevice::WriteOnly));
        passphrase.write("marigolds and beans in June\n");
    }

    void wholeRunWithoutNetwork()
    {
        const QStringList unshare = {QStringLiteral("unshare"), QStringLiteral("-n")};
        QString why;
        if (!works(unshare, &why))
            QSKIP(qPrintable(why));
        runSession(unshare, m_work.filePath(QStringLiteral("offline")));
    }

    void wholeRunConnectsNowhere()
    {
        // -ff: one output file per process (trace.PID), so that no step overwrites another's.
        const QStringList strace = {QStringLiteral("strace"),
                                    QStringLiteral("-ff"),
                                    QStringLiteral("-qq"),
                                    QStringLiteral("-e"),
                                    QStringLiteral("trace=connect"),
                                    QStringLiteral("-o"),
                                    m_work.filePath(QStringLiteral("trace")),
                                    QStringLiteral("--")};
        QString why;
        if (!works(strace, &why))
            QSKIP(qPrintable(why + QStringLiteral(" (packaging/deps.sh installs strace)")));
        const QString dataDir = m_work.filePath(QStringLiteral("traced"));
        runSession(strace, dataDir);
        if (QTest::currentTestFailed())
            return;
        const QDir dir(m_work.path());
        const QStringList files = dir.entryList({QStringLiteral("trace.*")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        QByteArray all;
        for (const QString& name : files) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            all += file.readAll();
        }
        int connects = 0;
        QStringList outside;
        for (const QByteArray& line : all.split('\n')) {
            if (!line.contains("connect("))
                continue;
            ++connects;
            if (!line.contains("sa_family=AF_UNIX"))
                outside.append(QString::fromUtf8(line));
        }
        qInfo("%d connect() calls in %lld processes, all checked", connects, qint64(files.size()));
        QVERIFY2(outside.isEmpty(),
                 qPrintable(QStringLiteral("connect() to the network:\n") + outside.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestPrivacyProof)
#include "tst_privacyproof.moc"
