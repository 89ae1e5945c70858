// ServedModels on a real engine service, in process, where the order of calls is exact: a
// request for the loaded model is ready at once, one for another installed model loads it
// (and one for the same model waits for that load), one for a third while it loads gets 503
// with Retry-After, an unknown one 404 listing the installed ids, a failed load 500.
#include "engine/enginewait.h"
#include "server/servedmodels.h"
#include "testdata.h"
#include "waituntil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestServedModels : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QList<InstalledModel> m_installed;

    InstalledModel model(const QString& id, const QString& path)
    {
        InstalledModel m;
        m.id = id;
        m.path = path;
        m.info.architecture = QStringLiteral("llama");
        return m;
    }

  private slots:
    void initTestCase()
    {
        const QString tiny = m_dir.filePath("tiny.gguf");
        QProcess make;
        make.start(hearthCli(), {"make-test-model", "--preset", "tiny", "-o", tiny});
        QVERIFY(make.waitForFinished(60000) && make.exitCode() == 0);
        QFile file(tiny);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QFile unknown(m_dir.filePath("unknown-arch.gguf"));
        QVERIFY(unknown.open(QIODevice::WriteOnly));
        unknown.write(file.readAll().replace("llama", "lxama"));
        m_installed = {model("stories260K", testdataPath("stories260K.gguf")), model("tiny", tiny),
                       model("unknown-arch", m_dir.filePath("unknown-arch.gguf"))};
    }

    void acquireLoadsWaitsRefusesAndFails()
    {
        EngineService engine;
        ServedModels models(
            engine, [this] { return m_installed; }, LoadRequest{});
        QObject context;
        QStringList ready;
        QList<ApiError> errors;
        const auto onReady = [&](const QString& id) { ready.append(id); };
        const auto onError = [&](const ApiError& error) { errors.append(error); };

        models.acquire({}, &context, onReady, onError);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.last().status, 404); // nothing loaded, nothing named
        QVERIFY(errors.last().message.contains("stories260K, tiny"));

        LoadRequest request;
        request.path = testdataPath("stories260K.gguf");
        QVERIFY(loadModelAndWait(engine, request).error.isEmpty());
        QVERIFY(waitUntil([&] { return models.loaded().has_value(); }));
        QCOMPARE(models.loadedId(), QString("stories260K"));
        QCOMPARE(models.list().first().id, QString("stories260K"));
        models.acquire("stories260K", &context, onReady, onError);
        QCOMPARE(ready, QStringList{"stories260K"});

        models.acquire("tiny:latest", &context, onReady, onError);
        QVERIFY(models.loading());
        models.acquire({}, &context, onReady, onError);            // waits for the load
        models.acquire("stories260K", &context, onReady, onError); // another model: come back later
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.last().status, 503);
        QCOMPARE(errors.last().retryAfterSeconds, 2);
        QVERIFY(waitUntil([&] { return ready.size() == 3; }));
        QCOMPARE(ready, (QStringList{"stories260K", "tiny", "tiny"}));
        QCOMPARE(models.list().first().id, QString("tiny"));

        models.acquire("gpt-17", &context, onReady, onError);
        QCOMPARE(errors.last().status, 404);
        QCOMPARE(errors.last().code, QString("model_not_found"));

        models.acquire("unknown-arch", &context, onReady, onError);
        QVERIFY(waitUntil([&] { return errors.size() == 4; }));
        QCOMPARE(errors.last().status, 500);
        QVERIFY(errors.last().message.contains("lxama"));
        QVERIFY(!models.loaded().has_value());
    }
};

QTEST_GUILESS_MAIN(TestServedModels)
#include "tst_servedmodels.moc"
