// Files that go bad under Hearth: a damaged settings file (moved aside with a notice, defaults
// used, never silently overwritten), a model file truncated after it was indexed (listed as
// unreadable, saying why; refused at load), and a model file truncated while it is loaded (the
// chat goes on from the weights already on the device; the next load is refused with a message).
#include "testdata.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct CliResult {
    int exitCode;
    QByteArray out, err;
};

} // namespace

class TestDamagedFiles : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    CliResult run(const QStringList& args, const QByteArray& input = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(hearthCli(), args);
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QString settingsPath() const { return m_home.filePath(QStringLiteral("config/Hearth/Hearth.conf")); }
    QString dataDir() const { return m_home.filePath(QStringLiteral("data")); }

  private slots:
    void damagedSettingsAreMovedAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("NUL bytes") << QByteArray("[General]\nmodels\\dir=/x\n\0\0\0\0", 26);
        QTest::newRow("invalid UTF-8") << QByteArray("[General]\ntheme=\xff\xfe\xc3\n");
        QTest::newRow("malformed INI") << QByteArray("[General\nkey\n=\n\"unterminated\n");
    }
    void damagedSettingsAreMovedAside()
    {
        QFETCH(QByteArray, content);
        QDir(m_home.filePath(QStringLiteral("config"))).removeRecursively();
        QVERIFY(QDir().mkpath(QFileInfo(settingsPath()).absolutePath()));
        QFile f(settingsPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();

        CliResult r = run({"models", "list", "--data-dir", dataDir()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("could not be read (it is damaged)") && r.err.contains("default settings"),
                 r.err.constData());
        QVERIFY(!QFile::exists(settingsPath()));
        const QStringList aside =
            QDir(QFileInfo(settingsPath()).absolutePath()).entryList({QStringLiteral("Hearth.conf.damaged-*")});
        QCOMPARE(aside.size(), 1);
        QFile kept(QFileInfo(settingsPath()).absolutePath() + '/' + aside.first());
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), content); // the user's file, untouched, for repair by hand

        // The next start is quiet.
        r = run({"models", "list", "--data-dir", dataDir()});
        QVERIFY2(r.exitCode == 0 && !r.err.contains("damaged"), r.err.constData());
    }

    void goodSettingsAreLeftAlone()
    {
        QDir(m_home.filePath(QStringLiteral("config"))).removeRecursively();
        QVERIFY(QDir().mkpath(QFileInfo(settingsPath()).absolutePath()));
        QFile f(settingsPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[General]\ntheme=dark\n\n[api]\nport=8642\n");
        f.close();
        const CliResult r = run({"models", "list", "--data-dir", dataDir()});
        QVERIFY2(r.exitCode == 0 && !r.err.contains("damaged"), r.err.constData());
        QVERIFY(QFile::exists(settingsPath()));
    }

    void modelTruncatedAfterIndexing()
    {
        const QString models = m_home.filePath(QStringLiteral("data/models"));
        QVERIFY(QDir().mkpath(models));
        const QString file = models + QStringLiteral("/stories260K.gguf");
        QFile::remove(file);
        QVERIFY(QFile::copy(testdataPath(QStringLiteral("stories260K.gguf")), file));
        CliResult r = run({"models", "list", "--data-dir", dataDir()});
        QVERIFY2(r.exitCode == 0 && r.out.contains("stories260K") && r.out.contains("llama"), r.out.constData());

        QVERIFY(QFile::resize(file, 500000));
        r = run({"models", "list", "--data-dir", dataDir()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("unreadable") && r.out.contains("truncated"), r.out.constData());
        r = run({"chat", "-m", file, "-n", "4", "--no-save", "-p", "Once"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("truncated"), r.err.constData());
    }

    void modelTruncatedWhileLoaded()
    {
        const QString file = m_home.filePath(QStringLiteral("loaded.gguf"));
        QFile::remove(file);
        QVERIFY(QFile::copy(testdataPath(QStringLiteral("stories260K.gguf")), file));
        QProcess chat;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        chat.setProcessEnvironment(env);
        chat.setProcessChannelMode(QProcess::MergedChannels);
        chat.start(hearthCli(), {"chat", "-m", file, "-n", "8", "--temp", "0", "--no-save"});
        QVERIFY2(chat.waitForStarted(), qPrintable(chat.errorString()));
        chat.write("Once upon a time\n");
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += chat.readAll()).contains("tok/s") || chat.state() != QProcess::Running,
                                 60000); // the first answer is done
        QVERIFY2(chat.state() == QProcess::Running, said.constData());
        QVERIFY(QFile::resize(file, 0)); // in place: the mapping now points at nothing
        chat.write("The cat sat\n");
        chat.closeWriteChannel();
        QVERIFY(chat.waitForFinished(60000));
        QCOMPARE(chat.exitStatus(), QProcess::NormalExit); // no SIGBUS: the weights live on the device
        QCOMPARE(chat.exitCode(), 0);

        const CliResult r = run({"chat", "-m", file, "-n", "4", "--no-save", "-p", "Once"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(!r.err.isEmpty(), "a clear message for the emptied file");
    }
};

QTEST_GUILESS_MAIN(TestDamagedFiles)
#include "tst_damagedfiles.moc"
