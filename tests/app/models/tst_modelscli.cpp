// `hearth-cli models` end to end against the loopback hub: pull shows progress and verifies,
// search and files print what the hub lists, list/rm/import manage the folder; --offline and
// HEARTH_OFFLINE=1 refuse every request, and `hearth-cli network-log` shows what was asked.
#include "testdata.h"
#include "testhub.h"
#include "waituntil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kRepo = QStringLiteral("acme/Tiny-GGUF");
}

class TestModelsCli : public QObject {
    Q_OBJECT

  private:
    TestHub m_hub;
    QTemporaryDir m_home;
    QByteArray m_content;

    struct Result {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HF_ENDPOINT", m_hub.url().toString());
        env.insert("HEARTH_DATA_DIR", m_home.filePath("data"));
        env.insert("HEARTH_MODELS_DIR", m_home.filePath("models"));
        env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        env.remove("HF_TOKEN");
        env.remove("HEARTH_OFFLINE");
        // Other apps' models of the machine's user stay out of the list (tst_externalmodelscli
        // covers them).
        env.insert("HOME", m_home.filePath("home"));
        env.insert("OLLAMA_MODELS", m_home.filePath("home/ollama"));
        for (const char* name : {"HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME"})
            env.remove(name);
        return env;
    }

    // Runs `hearth-cli models ARGS` while this thread keeps serving the hub (a blocking wait would
    // starve it).
    Result run(const QStringList& args, const QByteArray& stdinText = {})
    {
        return runCli(QStringList{"models"} + args, environment(), stdinText);
    }

    Result runCli(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinText = {})
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(hearthCli(), args);
        if (!process.waitForStarted())
            return {};
        if (!stdinText.isEmpty())
            process.write(stdinText);
        process.closeWriteChannel();
        waitUntil([&] { return process.state() == QProcess::NotRunning; }, 60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

  private slots:
    void initTestCase()
    {
        m_content = TestHub::makeGguf(2 * 1024 * 1024, 3);
        m_hub.addRepo(kRepo, 1000);
        m_hub.addRepo("other/Tiny-Chat-GGUF", 5000);
        m_hub.addRepo("corp/Gated-GGUF", 10, true);
        m_hub.addFile(kRepo, "tiny-Q4_K_M.gguf", m_content);
        m_hub.addFile("corp/Gated-GGUF", "gated.gguf", m_content);
        // Short backoff for the retry below.
        QSettings settings(m_home.filePath("config/Hearth/Hearth.conf"), QSettings::IniFormat);
        settings.setValue("models/retryBaseMs", 10);
    }

    void offlineRefusesWithAClearMessage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("byEnvironment");
        QTest::newRow("search --offline") << QStringList{"search", "tiny", "--offline"} << false;
        QTest::newRow("search HEARTH_OFFLINE=1") << QStringList{"search", "tiny"} << true;
        QTest::newRow("files --offline") << QStringList{"files", kRepo, "--offline"} << false;
        QTest::newRow("pull --offline") << QStringList{"pull", kRepo + "/offline.gguf", "--offline"} << false;
        QTest::newRow("pull HEARTH_OFFLINE=1") << QStringList{"pull", kRepo + "/offline.gguf"} << true;
        QTest::newRow("refresh HEARTH_OFFLINE=1")
            << QStringList{"refresh", "--url", m_hub.url().toString() + "/catalog.json"} << true;
    }

    void offlineRefusesWithAClearMessage()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, byEnvironment);
        m_hub.addFile(kRepo, "offline.gguf", m_content);
        m_hub.clearLog();
        QProcessEnvironment env = environment();
        if (byEnvironment)
            env.insert("HEARTH_OFFLINE", "1");
        const Result r = runCli(QStringList{"models"} + args, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Offline mode is on: Hearth makes no network requests."), qPrintable(r.err));
        QVERIFY(m_hub.requests().isEmpty()); // nothing reached the server
        QVERIFY(!QFile::exists(m_home.filePath("models/offline.gguf")));

        // The same command without offline mode reaches the hub: the refusal was offline mode's.
        const Result online = run(args.filter(QRegularExpression("^(?!--offline$)")));
        QVERIFY2(online.exitCode == 0 || args[0] == "refresh", qPrintable(online.err));
        QVERIFY(!m_hub.requests().isEmpty());
        QFile::remove(m_home.filePath("models/offline.gguf"));
    }

    void networkLogShowsTheCliRequests()
    {
        const QProcessEnvironment env = environment();
        QCOMPARE(runCli({"network-log", "--clear"}, env).exitCode, 0);
        const Result off = runCli({"network-log"}, env);
        QCOMPARE(off.exitCode, 0);
        QVERIFY2(off.err.contains("Saving is off"), qPrintable(off.err));

        QCOMPARE(runCli({"network-log", "--enable"}, env).exitCode, 0);
        QCOMPARE(run({"search", "tiny"}).exitCode, 0);
        QCOMPARE(run({"search", "tiny", "--offline"}).exitCode, 1);
        const Result json = runCli({"network-log", "--json"}, env);
        QCOMPARE(json.exitCode, 0);
        const QStringList lines = json.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject sent = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        QCOMPARE(sent["host"].toString(), QStringLiteral("127.0.0.1:%1").arg(m_hub.url().port()));
        QCOMPARE(sent["purpose"].toString(), "model search");
        QCOMPARE(sent["result"].toString(), "HTTP 200");
        QVERIFY(sent["bytes_in"].toInteger() > 0 && sent["bytes_out"].toInteger() > 0);
        QVERIFY(sent["url"].toString().contains("/api/models?search=tiny"));
        const QJsonObject refused = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        QVERIFY(refused["refused"].toBool());
        QCOMPARE(refused["result"].toString(), "refused: offline mode is on");

        const Result text = runCli({"network-log"}, env);
        QVERIFY2(text.out.contains("model search") && text.out.contains("HTTP 200"), qPrintable(text.out));
        QCOMPARE(runCli({"network-log", "--disable"}, env).exitCode, 0);
        QCOMPARE(run({"search", "tiny"}).exitCode, 0);
        QCOMPARE(runCli({"network-log", "--json"}, env).out.trimmed().split('\n').size(), 2); // not saved
        QCOMPARE(runCli({"network-log", "--clear"}, env).exitCode, 0);
    }

    void pullShowsProgressAndVerifies()
    {
        m_hub.faults(kRepo, "tiny-Q4_K_M.gguf").dropAfterBytes = 700000;
        m_hub.faults(kRepo, "tiny-Q4_K_M.gguf").dropTimes = 1;
        const Result r = run({"pull", kRepo + "/tiny-Q4_K_M.gguf"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("100%"), qPrintable(r.err)); // progress lines (not a terminal)
        QVERIFY2(r.err.contains("retrying"), qPrintable(r.err));
        QVERIFY2(r.out.contains("sha256 verified: " + TestHub::sha256Hex(m_content)), qPrintable(r.out));
        QFile file(m_home.filePath("models/tiny-Q4_K_M.gguf"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_content);
        QVERIFY(!QFile::exists(m_home.filePath("models/tiny-Q4_K_M.gguf.part")));

        const Result again = run({"pull", kRepo + "/tiny-Q4_K_M.gguf"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains("already installed"));
    }

    void interruptedPullResumes()
    {
        const QString file = "slow.gguf";
        const QByteArray content = TestHub::makeGguf(3 * 1024 * 1024, 11);
        m_hub.addFile(kRepo, file, content);
        m_hub.faults(kRepo, file).chunkDelayMs = 20;
        QProcess first;
        first.setProcessEnvironment(environment());
        first.start(hearthCli(), {"models", "pull", kRepo + '/' + file});
        const QString part = m_home.filePath("models/" + file + ".part");
        QVERIFY(waitUntil([&] { return QFileInfo(part).size() >= 512 * 1024; }));
        first.kill(); // the user closes the terminal mid-download
        QVERIFY(waitUntil([&] { return first.state() == QProcess::NotRunning; }));
        const qint64 kept = QFileInfo(part).size();
        QVERIFY(kept < content.size());
        m_hub.faults(kRepo, file).chunkDelayMs = 0;
        m_hub.clearLog();

        const Result r = run({"pull", kRepo + '/' + file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("sha256 verified"), qPrintable(r.out));
        QVERIFY2(r.err.contains("Resuming after"), qPrintable(r.err));
        QCOMPARE(m_hub.requests().last().range, "bytes=" + QByteArray::number(kept) + '-');
        QCOMPARE(m_hub.cdnBytesSent(kRepo, file), content.size() - kept);
        QFile installed(m_home.filePath("models/" + file));
        QVERIFY(installed.open(QIODevice::ReadOnly));
        QCOMPARE(installed.readAll(), content);
    }

    void progressBarOnATerminal()
    {
        if (QStandardPaths::findExecutable("script").isEmpty())
            QSKIP("util-linux `script` (a pseudo-terminal) is not installed");
        m_hub.addFile(kRepo, "tty.gguf", TestHub::makeGguf(1024 * 1024, 12));
        m_hub.faults(kRepo, "tty.gguf").chunkDelayMs = 15;
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start("script", {"-qec", hearthCli() + " models pull " + kRepo + "/tty.gguf", "/dev/null"});
        QVERIFY(waitUntil([&] { return process.state() == QProcess::NotRunning; }, 60000));
        const QString terminal = QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(terminal.contains("\r[") && terminal.contains("#") && terminal.contains("100%"),
                 qPrintable(terminal));
        QVERIFY(terminal.contains("ETA"));
        QVERIFY(terminal.contains("sha256 verified"));
    }

    void pullOfDamagedFileFails()
    {
        m_hub.addFile(kRepo, "bad.gguf", m_content);
        m_hub.faults(kRepo, "bad.gguf").wrongBytes = true;
        const Result r = run({"pull", kRepo + "/bad.gguf"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("sha256") && r.err.contains("deleted"), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_home.filePath("models/bad.gguf")));
        QVERIFY(!QFile::exists(m_home.filePath("models/bad.gguf.part")));
    }

    void gatedPullAsksForToken()
    {
        const Result r = run({"pull", "corp/Gated-GGUF/gated.gguf"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("token"), qPrintable(r.err));

        m_hub.setToken("hf_test_token");
        const Result saved = run({"token"}, "hf_test_token\n");
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
        const Result pulled = run({"pull", "corp/Gated-GGUF/gated.gguf"});
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        QVERIFY(QFile::exists(m_home.filePath("models/gated.gguf")));
    }

    void searchAndFiles()
    {
        const Result s = run({"search", "tiny", "--json"});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        const QJsonArray repos = QJsonDocument::fromJson(s.out.toUtf8()).array();
        QCOMPARE(repos.size(), 2);
        QCOMPARE(repos[0].toObject()["id"].toString(), "other/Tiny-Chat-GGUF"); // most downloaded first
        QCOMPARE(repos[1].toObject()["id"].toString(), kRepo);

        const Result f = run({"files", kRepo});
        QVERIFY2(f.exitCode == 0, qPrintable(f.err));
        QVERIFY(f.out.contains(kRepo + "/tiny-Q4_K_M.gguf"));
        QVERIFY(f.out.contains(QString::fromLatin1(TestHub::sha256Hex(m_content).left(16))));

        const Result missing = run({"files", "nobody/Nothing"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("not found"), qPrintable(missing.err));
    }

    void listImportRemove()
    {
        const Result imported = run({"import", testdataPath("stories260K.gguf")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const Result list = run({"list", "--json"});
        QCOMPARE(list.exitCode, 0);
        QJsonObject stories;
        for (const QJsonValue& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
            if (v.toObject()["id"] == "stories260K")
                stories = v.toObject();
        QCOMPARE(stories["architecture"].toString(), "llama");
        QCOMPARE(stories["parameters"].toInteger(), 292800);
        QCOMPARE(stories["contextLength"].toInt(), 2048);

        const Result removed = run({"rm", "stories260K"});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        QVERIFY(!QFile::exists(m_home.filePath("models/stories260K.gguf")));
        QVERIFY(QFile::exists(testdataPath("stories260K.gguf")));
        QCOMPARE(run({"rm", "stories260K"}).exitCode, 1);
    }

    void catalogListAndRefresh()
    {
        const Result bundled = run({"list", "--catalog", "--json"});
        QCOMPARE(bundled.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(bundled.out.toUtf8()).array().size() >= 20);

        m_hub.addStatic("/catalog.json", R"({"models":[{"id":"tiny","name":"Tiny","repo":"acme/Tiny-GGUF",
                                              "file":"tiny-Q4_K_M.gguf"}]})");
        const Result refreshed = run({"refresh", "--url", m_hub.url().toString() + "/catalog.json"});
        QVERIFY2(refreshed.exitCode == 0, qPrintable(refreshed.err));
        const Result list = run({"list", "--catalog", "--json"});
        const QJsonArray entries = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(entries.size(), 1);
        QVERIFY(entries[0].toObject()["installed"].toBool()); // pulled above
    }

    void usageErrors()
    {
        QCOMPARE(run({"pull"}).exitCode, 2);
        QCOMPARE(run({"list", "--bogus"}).exitCode, 2);
        QCOMPARE(run({"--help"}).exitCode, 0);
        const Result r = run({"pull", "not-a-model"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("catalog id"));
    }
};

QTEST_GUILESS_MAIN(TestModelsCli)
#include "tst_modelscli.moc"
