// The window's Local API switch (LocalApiController) on a real engine service: on, it serves the
// loaded model at its base URL and logs the requests; a port in use is reported; off, it stops;
// the switch and the port persist.
#include "chat/localapicontroller.h"
#include "engine/enginewait.h"
#include "testdata.h"
#include "waituntil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

class TestLocalApiController : public QObject {
    Q_OBJECT
    QTemporaryDir m_models;
    QNetworkAccessManager m_network;

    int get(const QString& url, QByteArray* body = nullptr)
    {
        QNetworkReply* reply = m_network.get(QNetworkRequest(QUrl(url)));
        waitUntil([&] { return reply->isFinished(); });
        if (body)
            *body = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
        QSettings().clear();
        QFile::link(testdataPath("stories260K.gguf"), m_models.filePath("stories260K.gguf"));
        qputenv("HEARTH_MODELS_DIR", m_models.path().toUtf8());
    }

    void servesTheWindowsModelWhileOn()
    {
        EngineService engine;
        LoadRequest request;
        request.path = m_models.filePath("stories260K.gguf");
        QVERIFY(loadModelAndWait(engine, request).error.isEmpty());

        LocalApiController controller;
        controller.setPort(0);
        controller.setEngine(&engine);
        QVERIFY(!controller.running());
        QCOMPARE(controller.status(), QString("Off"));

        controller.setEnabled(true);
        QVERIFY2(controller.running(), qPrintable(controller.status()));
        QVERIFY(controller.status().startsWith("Listening at http://127.0.0.1:"));
        const QString base = controller.baseUrl();
        QVERIFY(base.endsWith("/v1") && !base.contains(":0/"));
        QByteArray body;
        QCOMPARE(get(base + "/models", &body), 200);
        QCOMPARE(QJsonDocument::fromJson(body).object()["data"].toArray().first().toObject()["id"].toString(),
                 QString("stories260K"));
        // The model was loaded before the API was switched on; it is the one served.
        QNetworkRequest post{QUrl(base + "/completions")};
        post.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply* reply = m_network.post(post, R"({"prompt": "Once upon a time", "max_tokens": 4})");
        QVERIFY(waitUntil([&] { return reply->isFinished(); }));
        const QByteArray answer = reply->readAll();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(answer).object()["model"].toString(), QString("stories260K"));
        reply->deleteLater();
        QVERIFY(waitUntil([&] { return controller.recentRequests().size() == 2; }));
        QVERIFY(controller.recentRequests().first().contains("GET /v1/models 200"));
        QVERIFY(controller.recentRequests().last().contains("POST /v1/completions 200 model=stories260K"));

        controller.setEnabled(false);
        QVERIFY(!controller.running());
        QCOMPARE(get(base + "/models"), 0); // refused: nothing listens
        QCOMPARE(QSettings().value("api/enabled").toBool(), false);
    }

    void aPortInUseIsReported()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        EngineService engine;
        LocalApiController controller;
        controller.setEngine(&engine);
        controller.setPort(taken.serverPort());
        controller.setEnabled(true);
        QVERIFY(!controller.running());
        QVERIFY2(controller.status().contains(QString::number(taken.serverPort())),
                 qPrintable(controller.status()));
        taken.close();
        controller.setPort(0);
        QVERIFY(controller.running());
        QCOMPARE(QSettings().value("api/enabled").toBool(), true);
        controller.setEnabled(false);
    }
};

QTEST_GUILESS_MAIN(TestLocalApiController)
#include "tst_localapicontroller.moc"
