// Files that go bad under Hearth: a damaged settings file (moved aside with a notice, defaults
// used, never silently overwritten), a model file truncated after it was indexed (listed as
// unreadable, saying why; refused at load), and a model file truncated while it is loaded (the
// chat goes on from the weights already on the device; the next load is refused with a message),
// and a models folder that cannot be read (said so, not listed as empty).
#include "testdata.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

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
        const QStringList aside = QDir(QFileInfo(settingsPath()).absolutePath())
                                      .entryList({QStringLiteral("Hearth.conf.damaged-*")});
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

    // The models folder Hearth lists is a file, or a folder this user may not read: `models list`
    // says so (not "no models"), and so does the window (ModelsController's error).
    void unreadableModelsFolder()
    {
        QTemporaryDir data;
        QFile file(data.filePath(QStringLiteral("models")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        CliResult r = run({"models", "list", "--data-dir", data.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("is not a folder"), r.err.constData());

        // Root reads every folder, so as root (CI) the listing runs as the user nobody.
        QTemporaryDir shared;
        QVERIFY(QFile::setPermissions(shared.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                         QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                         QFileDevice::WriteOther | QFileDevice::ExeOther));
        const QString models = shared.filePath(QStringLiteral("data/models"));
        QVERIFY(QDir().mkpath(models));
        QVERIFY(QFile::setPermissions(shared.filePath(QStringLiteral("data")),
                                      QFile::permissions(shared.path())));
        QVERIFY(QFile::copy(testdataPath(QStringLiteral("stories260K.gguf")), models + "/stories260K.gguf"));
        QVERIFY(QFile::setPermissions(models, geteuid() == 0 ? QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                                             : QFileDevice::Permissions()));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), shared.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), shared.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        const QStringList args{"models", "list", "--data-dir", shared.filePath(QStringLiteral("data"))};
        if (geteuid() == 0)
            p.start(QStringLiteral("setpriv"),
                    QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", hearthCli()} + args);
        else
            p.start(hearthCli(), args);
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QFile::setPermissions(models,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(err.contains("cannot be read (Permission denied)"), err.constData());
    }

    void modelTruncatedAfterIndexing()
    {
        const QString models = m_home.filePath(QStringLiteral("data/models"));
        QVERIFY(QDir().mkpath(models));
        const QString file = models + QStringLiteral("/stories260K.gguf");
        QFile::remove(file);
        QVERIFY(QFile::copy(testdataPath(QStringLiteral("stories260K.gguf")), file));
        CliResult r = run({"models", "list", "--data-dir", dataDir()});
        QVERIFY2(r.exitCode == 0 && r.out.contains("stories260K") && r.out.contains("llama"),
                 r.out.constData());

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
        QTRY_VERIFY_WITH_TIMEOUT((said += chat.readAll()).contains("tok/s") ||
                                     chat.state() != QProcess::Running,
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
