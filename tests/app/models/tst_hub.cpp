// The Hugging Face client against the loopback hub: search and file listing parsed, URLs built,
// the token kept to the hub's own host, errors worded for the user.
#include "core/networkgate.h"
#include "hearth/error.h"
#include "models/hubclient.h"
#include "testhub.h"
#include "waituntil.h"

#include <QNetworkRequest>
#include <QtTest>
#include <QUrlQuery>

class TestHubClient : public QObject {
    Q_OBJECT

  private:
    TestHub m_hub;
    NetworkGate m_network;

  private slots:
    void initTestCase()
    {
        m_hub.addRepo("bartowski/Llama-3.2-1B-Instruct-GGUF", 90000);
        m_hub.addRepo("Qwen/Qwen2.5-0.5B-Instruct-GGUF", 120000);
        m_hub.addRepo("meta-llama/Llama-Guard-GGUF", 50, true);
        m_hub.addRepo("someone/Unrelated-GGUF", 7);
        m_hub.addFile("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q4_k_m.gguf",
                      QByteArray(1000, 'a'));
        m_hub.addFile("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q8_0.gguf",
                      QByteArray(2000, 'b'));
    }

    void offlineModeRefusesSearchAndListing()
    {
        m_network.setOffline(true);
        m_hub.clearLog();
        HubClient hub(&m_network, m_hub.url(), QString());
        QString searchError, filesError;
        bool searched = false, listed = false;
        hub.search("qwen", 10, [&](const QList<HubRepo>&, const QString& e) {
            searchError = e;
            searched = true;
        });
        hub.listFiles("Qwen/Qwen2.5-0.5B-Instruct-GGUF", [&](const QList<HubFile>&, const QString& e) {
            filesError = e;
            listed = true;
        });
        QVERIFY(!searched && !listed); // answered from the event loop, never inside the call
        QVERIFY(waitUntil([&] { return searched && listed; }));
        m_network.setOffline(false);
        QVERIFY2(searchError.contains("Offline mode is on"), qPrintable(searchError));
        QVERIFY2(filesError.contains("Offline mode is on"), qPrintable(filesError));
        QVERIFY(m_hub.requests().isEmpty());
        QCOMPARE(m_network.records().size(), 2);
        QCOMPARE(m_network.records()[0].purpose, "model search");
        QCOMPARE(m_network.records()[1].purpose, "file listing");
        QVERIFY(m_network.records()[0].refused && m_network.records()[1].refused);
    }

    void searchFindsReposMostDownloadedFirst()
    {
        HubClient hub(&m_network, m_hub.url(), QString());
        QList<HubRepo> repos;
        QString error;
        bool done = false;
        hub.search("LLAMA", 10, [&](const QList<HubRepo>& r, const QString& e) {
            repos = r;
            error = e;
            done = true;
        });
        QVERIFY(waitUntil([&] { return done; }));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(repos.size(), 2);
        QCOMPARE(repos[0].id, "bartowski/Llama-3.2-1B-Instruct-GGUF");
        QCOMPARE(repos[0].downloads, 90000);
        QVERIFY(!repos[0].gated);
        QCOMPARE(repos[1].id, "meta-llama/Llama-Guard-GGUF");
        QVERIFY(repos[1].gated);
        // The query the issue documents.
        const QUrl sent = QUrl::fromEncoded("http://x" + m_hub.requests().last().path);
        const QUrlQuery query(sent);
        QCOMPARE(sent.path(), "/api/models");
        QCOMPARE(query.queryItemValue("search"), "LLAMA");
        QCOMPARE(query.queryItemValue("filter"), "gguf");
        QCOMPARE(query.queryItemValue("sort"), "downloads");
        QCOMPARE(query.queryItemValue("direction"), "-1");
        QCOMPARE(query.queryItemValue("limit"), "10");
    }

    void listFilesGivesSizesAndSha()
    {
        HubClient hub(&m_network, m_hub.url(), QString());
        QList<HubFile> files;
        QString error;
        bool done = false;
        hub.listFiles("Qwen/Qwen2.5-0.5B-Instruct-GGUF", [&](const QList<HubFile>& f, const QString& e) {
            files = f;
            error = e;
            done = true;
        });
        QVERIFY(waitUntil([&] { return done; }));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(files.size(), 3); // README.md and two GGUF files; the directory is not a file
        QCOMPARE(files[0].path, "README.md");
        QVERIFY(files[0].sha256.isEmpty());
        QCOMPARE(files[1].path, "qwen2.5-0.5b-instruct-q4_k_m.gguf");
        QCOMPARE(files[1].size, 1000);
        QCOMPARE(files[1].sha256.toLatin1(), TestHub::sha256Hex(QByteArray(1000, 'a')));
        QCOMPARE(files[2].size, 2000);
    }

    void missingRepoIsAClearError()
    {
        HubClient hub(&m_network, m_hub.url(), QString());
        QString error;
        bool done = false;
        hub.listFiles("nobody/Nothing-GGUF", [&](const QList<HubFile>&, const QString& e) {
            error = e;
            done = true;
        });
        QVERIFY(waitUntil([&] { return done; }));
        QVERIFY2(error.contains("nobody/Nothing-GGUF") && error.contains("not found"), qPrintable(error));

        done = false;
        hub.listFiles("../etc", [&](const QList<HubFile>&, const QString& e) {
            error = e;
            done = true;
        });
        QVERIFY(done);
        QVERIFY(error.contains("owner/name"));
    }

    void unreachableServer()
    {
        HubClient hub(&m_network, QUrl("http://127.0.0.1:1"), QString());
        QString error;
        bool done = false;
        hub.search("x", 5, [&](const QList<HubRepo>&, const QString& e) {
            error = e;
            done = true;
        });
        QVERIFY(waitUntil([&] { return done; }));
        QVERIFY2(error.contains("HF_ENDPOINT"), qPrintable(error));
    }

    void urlsAndToken()
    {
        HubClient hub(&m_network, QUrl("https://hub.example"), "hf_secret");
        QCOMPARE(hub.fileUrl("o/r", "sub dir/x.gguf").toString(QUrl::FullyEncoded),
                 "https://hub.example/o/r/resolve/main/sub%20dir/x.gguf");
        QCOMPARE(hub.treeUrl("o/r").toString(), "https://hub.example/api/models/o/r/tree/main");
        QCOMPARE(hub.request(hub.fileUrl("o/r", "x.gguf")).rawHeader("Authorization"), "Bearer hf_secret");
        QVERIFY(!hub.request(QUrl("https://cdn.example/x")).hasRawHeader("Authorization"));
    }

    void repoNames_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("file");
        QTest::newRow("plain") << "bartowski/Llama-GGUF/Llama-Q4_K_M.gguf" << true << "bartowski/Llama-GGUF"
                               << "Llama-Q4_K_M.gguf";
        QTest::newRow("subfolder") << "o/r/sub/x.gguf" << true << "o/r"
                                   << "sub/x.gguf";
        QTest::newRow("repo only") << "o/r" << false << ""
                                   << "";
        QTest::newRow("dot dot") << "o/r/../x.gguf" << false << ""
                                 << "";
        QTest::newRow("empty segment") << "o/r//x.gguf" << false << ""
                                       << "";
        QTest::newRow("bad owner") << "-o/r/x.gguf" << false << ""
                                   << "";
    }

    void repoNames()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QString repo, file;
        QCOMPARE(splitRepoFile(spec, &repo, &file), valid);
        if (valid) {
            QTEST(repo, "repo");
            QTEST(file, "file");
        }
    }

    void parsersRejectMalformedJson()
    {
        QVERIFY_THROWS_EXCEPTION(hearth::Error, parseHubSearch("{\"error\":\"x\"}"));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, parseHubTree("not json"));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, parseHubTree(R"([{"type":"file","size":3}])"));
        QCOMPARE(parseHubSearch(R"([{"id":"../bad"},{"modelId":"o/r","downloads":5}])").size(), 1);
    }

    void errorMessages()
    {
        QVERIFY(
            hubErrorMessage(401, QNetworkReply::AuthenticationRequiredError, "", "o/r").contains("token"));
        QVERIFY(hubErrorMessage(403, QNetworkReply::ContentAccessDenied, "", "o/r").contains("licence"));
        QVERIFY(hubErrorMessage(503, QNetworkReply::ServiceUnavailableError, "", "o/r").contains("HTTP 503"));
    }
};

QTEST_GUILESS_MAIN(TestHubClient)
#include "tst_hub.moc"
