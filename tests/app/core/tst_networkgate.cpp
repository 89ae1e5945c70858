// The network gate against the loopback hub: each request recorded with its host, purpose, bytes
// and result; offline mode refuses (nothing reaches the server) and stops what is running; the
// saved log holds the same records, one JSON object per line.
#include "core/networkgate.h"
#include "testhub.h"
#include "waituntil.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
// Fetches url through the gate and waits for the answer; returns the body.
QByteArray fetch(NetworkGate& gate, const QUrl& url, const QString& purpose)
{
    QNetworkRequest request(url);
    request.setRawHeader("X-Test", "1234");
    QNetworkReply* reply = gate.get(request, purpose);
    if (!reply)
        return {};
    QByteArray body;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] { body += reply->readAll(); });
    waitUntil([reply] { return reply->isFinished(); }, 10000);
    body += reply->readAll();
    reply->deleteLater();
    return body;
}
} // namespace

class TestNetworkGate : public QObject {
    Q_OBJECT

    TestHub m_hub;
    QString hubHost() const { return QStringLiteral("127.0.0.1:%1").arg(m_hub.url().port()); }

  private slots:
    void initTestCase() { m_hub.addStatic("/catalog.json", QByteArray(5000, 'c')); }
    void init() { m_hub.clearLog(); }

    void recordsHostPurposeBytesAndResult()
    {
        NetworkGate gate;
        QSignalSpy added(&gate, &NetworkGate::recordAdded);
        const QUrl url(m_hub.url().toString() + "/catalog.json");
        QCOMPARE(fetch(gate, url, "catalog refresh").size(), 5000);
        QCOMPARE(added.size(), 1);
        QCOMPARE(gate.requestCount(), 1);
        const NetworkRecord& r = gate.records().first();
        QCOMPARE(r.host, hubHost());
        QCOMPARE(r.url, url.toString());
        QCOMPARE(r.purpose, "catalog refresh");
        QCOMPARE(r.bytesIn, 5000);
        // "GET /catalog.json HTTP/1.1\r\n", Host, and the one header set here.
        const qint64 head =
            QByteArray("GET /catalog.json HTTP/1.1\r\nHost: " + hubHost().toLatin1() + "\r\nX-Test: 1234\r\n")
                .size();
        QCOMPARE(r.bytesOut, head);
        QCOMPARE(r.result, "HTTP 200");
        QVERIFY(r.finished && !r.refused);
        QVERIFY(qAbs(r.time.secsTo(QDateTime::currentDateTime())) < 60);
        QCOMPARE(m_hub.requests().size(), 1);

        fetch(gate, QUrl(m_hub.url().toString() + "/nothing-here"), "model search");
        QCOMPARE(gate.records().last().result, "HTTP 404");
        fetch(gate, QUrl("http://127.0.0.1:1/closed"), "model search");
        QVERIFY2(gate.records().last().result.contains("refused", Qt::CaseInsensitive),
                 qPrintable(gate.records().last().result));
        QCOMPARE(gate.requestCount(), 3);
    }

    void offlineRefusesAndTheLogSaysSo()
    {
        NetworkGate gate;
        QSignalSpy offline(&gate, &NetworkGate::offlineChanged);
        gate.setOffline(true);
        QCOMPARE(offline.size(), 1);
        QNetworkReply* reply =
            gate.get(QNetworkRequest(QUrl(m_hub.url().toString() + "/catalog.json")), "catalog refresh");
        QVERIFY(!reply);
        QTest::qWait(100);
        QVERIFY(m_hub.requests().isEmpty());
        QCOMPARE(gate.requestCount(), 1);
        const NetworkRecord& r = gate.records().first();
        QVERIFY(r.refused && r.finished);
        QCOMPARE(r.host, hubHost());
        QCOMPARE(r.bytesOut, 0);
        QCOMPARE(r.result, "refused: offline mode is on");
        QVERIFY(NetworkGate::offlineMessage().contains("Offline mode is on"));

        gate.setOffline(false);
        QCOMPARE(fetch(gate, QUrl(m_hub.url().toString() + "/catalog.json"), "catalog refresh").size(), 5000);
        QCOMPARE(gate.records().last().result, "HTTP 200");
    }

    void turningOfflineOnStopsRunningRequests()
    {
        const QString repo = "acme/Slow-GGUF";
        m_hub.addRepo(repo, 1);
        m_hub.addFile(repo, "slow.gguf", TestHub::makeGguf(2 * 1024 * 1024, 3));
        m_hub.faults(repo, "slow.gguf").chunkDelayMs = 20;
        NetworkGate gate;
        QNetworkRequest request(QUrl(m_hub.url().toString() + '/' + repo + "/resolve/main/slow.gguf"));
        QNetworkReply* reply = gate.get(request, "model download");
        QVERIFY(reply);
        QVERIFY(waitUntil([&] { return gate.records().first().bytesIn > 0; }));
        gate.setOffline(true);
        QVERIFY(waitUntil([reply] { return reply->isFinished(); }));
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        const NetworkRecord& r = gate.records().first();
        QCOMPARE(r.result, "stopped: offline mode turned on");
        QVERIFY(r.host.startsWith(hubHost())); // followed the hub's redirect to its CDN path
        QVERIFY(r.bytesIn > 0 && r.bytesIn < 2 * 1024 * 1024);
        reply->deleteLater();
    }

    void savedLogHoldsTheRecords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("data/network-log.jsonl");
        NetworkGate gate(path);
        QCOMPARE(gate.logPath(), path);
        fetch(gate, QUrl(m_hub.url().toString() + "/catalog.json"), "catalog refresh");
        QVERIFY(!QFile::exists(path)); // saving is off by default
        gate.setSaveLog(true);
        fetch(gate, QUrl(m_hub.url().toString() + "/catalog.json"), "catalog refresh");
        gate.setOffline(true);
        gate.get(QNetworkRequest(QUrl("https://huggingface.co/api/models")), "model search");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const NetworkRecord saved = NetworkRecord::fromJson(QJsonDocument::fromJson(lines[i]).object());
            const NetworkRecord& kept = gate.records().at(i + 1);
            QCOMPARE(saved.host, kept.host);
            QCOMPARE(saved.url, kept.url);
            QCOMPARE(saved.purpose, kept.purpose);
            QCOMPARE(saved.bytesIn, kept.bytesIn);
            QCOMPARE(saved.bytesOut, kept.bytesOut);
            QCOMPARE(saved.result, kept.result);
            QCOMPARE(saved.refused, kept.refused);
            QCOMPARE(saved.time, kept.time);
        }
        QCOMPARE(NetworkRecord::fromJson(QJsonDocument::fromJson(lines[1]).object()).host, "huggingface.co");
    }
};

QTEST_GUILESS_MAIN(TestNetworkGate)
#include "tst_networkgate.moc"
