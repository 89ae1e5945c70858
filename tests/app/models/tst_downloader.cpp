// The downloader against the loopback hub: clean download, resume after a drop and after a
// restart, verification failures, disk-space refusal, pause/cancel, retries, parallel limit, gating,
// and offline mode (refused and logged, paused, resumed when it ends).
#include "core/networkgate.h"
#include "models/downloader.h"
#include "testhub.h"
#include "waituntil.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kRepo = QStringLiteral("acme/Tiny-GGUF");
constexpr qint64 kRequestedSize = 3 * 1024 * 1024;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestDownloader : public QObject {
    Q_OBJECT

  private:
    NetworkGate m_network;
    std::unique_ptr<TestHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_content;
    qint64 m_size = 0;

    DownloadPolicy policy() const
    {
        DownloadPolicy p;
        p.retryBaseMs = 10;
        p.retryMaxMs = 50;
        p.stallTimeoutMs = 5000; // long enough that a busy machine never fakes a stall
        p.maxRetries = 4;
        p.reserveBytes = 0;
        return p;
    }

    DownloadRequest request(const QString& file, const QString& sha = {}) const
    {
        DownloadRequest r;
        r.id = kRepo + '/' + file;
        r.url = QUrl(m_hub->url().toString() + '/' + kRepo + QStringLiteral("/resolve/main/") + file);
        r.fileName = file;
        r.expectedSha256 = sha;
        return r;
    }

    QString path(const QString& name) const { return m_dir->filePath(name); }

    // Runs until the download finishes or fails.
    static bool waitDone(Download* d, int timeoutMs = 20000)
    {
        return waitUntil(
            [d] {
                return d->state() == Download::State::Finished || d->state() == Download::State::Failed ||
                       d->state() == Download::State::Cancelled;
            },
            timeoutMs);
    }

  private slots:
    void init()
    {
        m_network.setOffline(false);
        m_hub = std::make_unique<TestHub>();
        m_dir = std::make_unique<QTemporaryDir>();
        m_content = TestHub::makeGguf(kRequestedSize, 7);
        m_size = m_content.size();
        m_hub->addRepo(kRepo, 100);
        m_hub->addFile(kRepo, QStringLiteral("tiny.gguf"), m_content);
    }

    void cleanDownload()
    {
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QSignalSpy progress(d, &Download::progressChanged);
        QSignalSpy finished(d, &Download::finished);
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(finished.size(), 1);
        QVERIFY(d->verified()); // against X-Linked-Etag
        QCOMPARE(d->sha256().toLatin1(), TestHub::sha256Hex(m_content));
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
        QVERIFY(!QFile::exists(path("tiny.gguf.part")));
        QVERIFY(!QFile::exists(path("tiny.gguf.part.json")));
        QVERIFY(progress.size() >= 1);
        QCOMPARE(d->receivedBytes(), m_size);
        QCOMPARE(d->totalBytes(), m_size);
        // The resolve URL redirected to the CDN, which sent the file exactly once.
        QCOMPARE(m_hub->requests().first().status, 302);
        QCOMPARE(m_hub->cdnBytesSent(kRepo, "tiny.gguf"), m_size);
    }

    void resumeAfterDrop()
    {
        const qint64 dropAt = 1024 * 1024 + 17;
        m_hub->faults(kRepo, "tiny.gguf").dropAfterBytes = dropAt;
        m_hub->faults(kRepo, "tiny.gguf").dropTimes = 1;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QSignalSpy retrying(d, &Download::retrying);
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
        // Nothing fetched twice: the second answer starts where the first one broke off.
        QCOMPARE(m_hub->cdnRequestCount(kRepo, "tiny.gguf"), 2);
        QCOMPARE(m_hub->requests().last().range, "bytes=" + QByteArray::number(dropAt) + '-');
        QCOMPARE(m_hub->cdnBytesSent(kRepo, "tiny.gguf"), m_size);
    }

    void serverIgnoringRangeRestartsCleanly()
    {
        m_hub->faults(kRepo, "tiny.gguf").dropAfterBytes = 500000;
        m_hub->faults(kRepo, "tiny.gguf").dropTimes = 1;
        m_hub->faults(kRepo, "tiny.gguf").ignoreRange = true;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
    }

    void restartResumesFromPart()
    {
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 5;
        qint64 partSize = 0;
        {
            Downloader first(&m_network, m_dir->path(), policy(), 2);
            Download* d = first.enqueue(request(QStringLiteral("tiny.gguf")));
            QVERIFY(waitUntil([&] { return d->receivedBytes() >= 1024 * 1024; }));
            // The program quits mid-file: the Downloader goes away without any clean-up call.
        }
        partSize = QFileInfo(path("tiny.gguf.part")).size();
        QVERIFY(partSize >= 1024 * 1024 && partSize < m_size);
        QVERIFY(QFile::exists(path("tiny.gguf.part.json")));
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 0;
        m_hub->clearLog();

        Downloader second(&m_network, m_dir->path(), policy(), 2);
        const QList<Download*> resumed = second.restoreUnfinished();
        QCOMPARE(resumed.size(), 1);
        // Back as paused: a start of the program fetches nothing until the user resumes.
        QCOMPARE(resumed.first()->state(), Download::State::Paused);
        QTest::qWait(200);
        QVERIFY(m_hub->requests().isEmpty());
        QCOMPARE(second.restoreUnfinished().size(), 0); // listed once
        resumed.first()->requeue();
        QVERIFY(waitDone(resumed.first()));
        QCOMPARE(resumed.first()->state(), Download::State::Finished);
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
        QCOMPARE(m_hub->requests().last().range, "bytes=" + QByteArray::number(partSize) + '-');
        QCOMPARE(m_hub->cdnBytesSent(kRepo, "tiny.gguf"), m_size - partSize);
        QVERIFY(resumed.first()->verified());
    }

    void damagedFilesRejected_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("expectInMessage");
        QTest::newRow("wrong bytes") << "wrongBytes"
                                     << "sha256";
        QTest::newRow("catalog sha differs") << "catalogSha"
                                             << "sha256";
        QTest::newRow("length differs from the announced one") << "wrongLength"
                                                               << "not the expected one";
        QTest::newRow("truncated") << "truncated"
                                   << "not the expected one";
        QTest::newRow("not gguf") << "notGguf"
                                  << "not a usable model";
    }

    void damagedFilesRejected()
    {
        QFETCH(QString, fault);
        QFETCH(QString, expectInMessage);
        HubFaults& f = m_hub->faults(kRepo, "tiny.gguf");
        QString sha;
        if (fault == "wrongBytes")
            f.wrongBytes = true;
        else if (fault == "catalogSha")
            sha = QString(64, QLatin1Char('a'));
        else if (fault == "wrongLength")
            f.announcedSizeDelta = -1000;
        else if (fault == "truncated")
            f.truncateTo = m_size / 2;
        if (fault == "notGguf") {
            QByteArray text = m_content;
            text.replace(0, 4, "PK\x03\x04");
            m_hub->addFile(kRepo, "text.gguf", text);
        }
        const QString file = fault == "notGguf" ? "text.gguf" : "tiny.gguf";
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(file, sha));
        QSignalSpy failed(d, &Download::failed);
        QVERIFY(waitDone(d));
        QCOMPARE(d->state(), Download::State::Failed);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(d->errorString().contains(expectInMessage), qPrintable(d->errorString()));
        // Never installed under its final name.
        QVERIFY(!QFile::exists(path(file)));
        QVERIFY(!QFile::exists(path(file + ".part")));
    }

    void notEnoughSpaceRefusedBeforeStart()
    {
        DownloadPolicy p = policy();
        p.freeSpace = [](const QString&) { return qint64(1000); };
        Downloader downloader(&m_network, m_dir->path(), p, 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitDone(d));
        QCOMPARE(d->state(), Download::State::Failed);
        QVERIFY2(d->errorString().contains("disk space"), qPrintable(d->errorString()));
        QCOMPARE(m_hub->cdnRequestCount(kRepo, "tiny.gguf"), 0); // refused on the announced size
        QVERIFY(!QFile::exists(path("tiny.gguf")));

        // With the size known from the catalog, no request at all.
        m_hub->clearLog();
        DownloadRequest r = request(QStringLiteral("tiny.gguf"));
        r.fileName = "other.gguf";
        r.expectedSize = m_size;
        Download* e = downloader.enqueue(r);
        QVERIFY(waitDone(e));
        QCOMPARE(e->state(), Download::State::Failed);
        QVERIFY(m_hub->requests().isEmpty());
    }

    void diskFillingUpStopsTheDownload()
    {
        DownloadPolicy p = policy();
        p.spaceCheckIntervalBytes = 256 * 1024;
        const QString part = path("tiny.gguf.part");
        // Plenty of room until a megabyte is written, then the disk is nearly full.
        const qint64 size = m_size;
        p.freeSpace = [part, size](const QString&) {
            return QFileInfo(part).size() < 1024 * 1024 ? size * 2 : qint64(4096);
        };
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 2;
        Downloader downloader(&m_network, m_dir->path(), p, 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitDone(d));
        QCOMPARE(d->state(), Download::State::Failed);
        QVERIFY2(d->errorString().contains("disk space"), qPrintable(d->errorString()));
        QVERIFY(QFile::exists(part)); // kept, to resume once there is room
        QVERIFY(!QFile::exists(path("tiny.gguf")));
    }

    void cancel_data()
    {
        QTest::addColumn<bool>("keepPartial");
        QTest::newRow("remove .part") << false;
        QTest::newRow("keep .part") << true;
    }

    void cancel()
    {
        QFETCH(bool, keepPartial);
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 5;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitUntil([&] { return d->receivedBytes() >= 256 * 1024; }));
        d->cancel(keepPartial);
        QCOMPARE(d->state(), Download::State::Cancelled);
        QCOMPARE(QFile::exists(path("tiny.gguf.part")), keepPartial);
        QVERIFY(!QFile::exists(path("tiny.gguf")));
        QVERIFY(waitUntil([&] { return m_hub->openCdnAnswers() == 0; })); // the connection is gone
    }

    void pauseAndResume()
    {
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 5;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitUntil([&] { return d->receivedBytes() >= 512 * 1024; }));
        d->pause();
        QCOMPARE(d->state(), Download::State::Paused);
        const qint64 kept = QFileInfo(path("tiny.gguf.part")).size();
        QCOMPARE(kept, d->receivedBytes());
        QVERIFY(d->bytesPerSecond() > 0);
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 0;
        m_hub->clearLog();
        d->requeue();
        downloader.enqueue(d->request()); // the queue starts it again
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
        QCOMPARE(m_hub->requests().last().range, "bytes=" + QByteArray::number(kept) + '-');
    }

    void retriesServerErrors()
    {
        m_hub->faults(kRepo, "tiny.gguf").errorTimes = 2;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QSignalSpy retrying(d, &Download::retrying);
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(retrying.size(), 2);
        QCOMPARE(retrying.at(0).at(1).toInt(), 10);
        QCOMPARE(retrying.at(1).at(1).toInt(), 20); // backoff doubles
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
    }

    void stalledConnectionIsDroppedAndResumed()
    {
        m_hub->faults(kRepo, "tiny.gguf").stallAfterBytes = 300000;
        m_hub->faults(kRepo, "tiny.gguf").stallTimes = 1;
        DownloadPolicy p = policy();
        p.stallTimeoutMs = 300;
        Downloader downloader(&m_network, m_dir->path(), p, 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QSignalSpy retrying(d, &Download::retrying);
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QVERIFY(retrying.size() >= 1);
        QVERIFY(retrying.at(0).at(2).toString().contains("no data"));
        QCOMPARE(m_hub->requests().last().range, "bytes=300000-");
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
    }

    void persistentServerErrorGivesUp()
    {
        m_hub->faults(kRepo, "tiny.gguf").errorTimes = 100;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitDone(d));
        QCOMPARE(d->state(), Download::State::Failed);
        QVERIFY2(d->errorString().contains("HTTP 500"), qPrintable(d->errorString()));
    }

    void atMostNInParallel()
    {
        for (int i = 0; i < 3; ++i) {
            const QString name = QStringLiteral("part%1.gguf").arg(i);
            m_hub->addFile(kRepo, name, TestHub::makeGguf(512 * 1024, 100 + i));
            m_hub->faults(kRepo, name).chunkDelayMs = 10;
        }
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        QList<Download*> all;
        for (int i = 0; i < 3; ++i)
            all.append(downloader.enqueue(request(QStringLiteral("part%1.gguf").arg(i))));
        QCOMPARE(downloader.activeCount(), 2);
        QCOMPARE(all[2]->state(), Download::State::Queued);
        for (Download* d : all)
            QVERIFY(waitDone(d));
        for (Download* d : all)
            QCOMPARE(d->state(), Download::State::Finished);
        QCOMPARE(m_hub->maxConcurrentCdnAnswers(), 2);
    }

    void offlineRefusesThenResumes()
    {
        m_network.setOffline(true);
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        const int before = m_network.requestCount();
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitUntil([d] { return d->waitingForNetwork(); }));
        QCOMPARE(d->state(), Download::State::Paused);
        QVERIFY2(d->errorString().contains("Offline mode is on"), qPrintable(d->errorString()));
        QTest::qWait(200);
        QVERIFY(m_hub->requests().isEmpty()); // nothing reached the server

        // The log shows the refusal: the hub's host, what it was for, nothing sent.
        QCOMPARE(m_network.requestCount(), before + 1);
        const NetworkRecord refused = m_network.records().last();
        QVERIFY(refused.refused);
        QCOMPARE(refused.host, QStringLiteral("127.0.0.1:%1").arg(m_hub->url().port()));
        QCOMPARE(refused.purpose, QStringLiteral("model download"));
        QCOMPARE(refused.bytesOut, 0);
        QCOMPARE(refused.bytesIn, 0);
        QVERIFY2(refused.result.contains("offline"), qPrintable(refused.result));

        m_network.setOffline(false); // goes on by itself
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
        // The requests it then made are logged with their bytes: the redirect and the file.
        qint64 bytesIn = 0;
        for (int i = before + 1; i < m_network.requestCount(); ++i) {
            const NetworkRecord& r = m_network.records().at(i);
            QVERIFY(r.finished && !r.refused);
            QVERIFY(r.bytesOut > 0);
            QCOMPARE(r.purpose, QStringLiteral("model download"));
            bytesIn += r.bytesIn;
        }
        QCOMPARE(m_network.requestCount(), before + 1 + m_hub->requests().size());
        QVERIFY(bytesIn >= m_size);
        QCOMPARE(m_network.records().last().result, QStringLiteral("HTTP 200"));
    }

    void goingOfflinePausesARunningDownload()
    {
        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 5;
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitUntil([d] { return d->receivedBytes() >= 512 * 1024; }));
        m_network.setOffline(true);
        QCOMPARE(d->state(), Download::State::Paused);
        QVERIFY(d->waitingForNetwork());
        const qint64 kept = d->receivedBytes();
        QVERIFY(kept < m_size);
        QTRY_COMPARE(m_hub->openCdnAnswers(), 0); // the connection was dropped
        QTest::qWait(200);
        QCOMPARE(d->receivedBytes(), kept);
        QCOMPARE(m_network.records().last().result, QStringLiteral("stopped: offline mode turned on"));

        m_hub->faults(kRepo, "tiny.gguf").chunkDelayMs = 0;
        m_hub->clearLog();
        m_network.setOffline(false);
        QVERIFY(waitDone(d));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QCOMPARE(readAll(path("tiny.gguf")), m_content);
        QCOMPARE(m_hub->requests().last().range, "bytes=" + QByteArray::number(kept) + '-');
    }

    void pausedByUserStaysPausedWhenOfflineEnds()
    {
        m_network.setOffline(true);
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(request(QStringLiteral("tiny.gguf")));
        QVERIFY(waitUntil([d] { return d->waitingForNetwork(); }));
        d->pause(); // the user's own pause wins
        m_network.setOffline(false);
        QTest::qWait(200);
        QCOMPARE(d->state(), Download::State::Paused);
        QVERIFY(m_hub->requests().isEmpty());
    }

    void gatedRepoNeedsToken()
    {
        const QString gated = QStringLiteral("corp/Gated-GGUF");
        m_hub->addRepo(gated, 5, true);
        m_hub->addFile(gated, "g.gguf", m_content);
        m_hub->setToken("hf_secret");
        DownloadRequest r;
        r.id = gated + "/g.gguf";
        r.url = QUrl(m_hub->url().toString() + '/' + gated + "/resolve/main/g.gguf");
        r.fileName = "g.gguf";
        Downloader downloader(&m_network, m_dir->path(), policy(), 2);
        Download* d = downloader.enqueue(r);
        QVERIFY(waitDone(d));
        QCOMPARE(d->state(), Download::State::Failed);
        QVERIFY2(d->errorString().contains("token"), qPrintable(d->errorString()));
        QVERIFY(d->errorString().contains(gated));

        r.token = "hf_secret";
        r.fileName = "g2.gguf";
        Download* e = downloader.enqueue(r);
        QVERIFY(waitDone(e));
        QCOMPARE(e->state(), Download::State::Finished);
        QCOMPARE(readAll(path("g2.gguf")), m_content);
    }
};

QTEST_GUILESS_MAIN(TestDownloader)
#include "tst_downloader.moc"
