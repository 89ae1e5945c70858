// The openai npm package (installed by the app.server.openai_sdk_setup fixture into the build
// folder) against `hearth-cli serve`: the model list, a whole and a streamed chat completion
// (the same text at temperature 0, with usage) and a 404 it reports as an APIError.
#include "apitestserver.h"

#include <QJsonArray>
#include <QStandardPaths>

class TestOpenAiSdk : public QObject {
    Q_OBJECT
    ApiTestServer m_server;

  private slots:
    void theSdkSeesTheModelsAndMatchingAnswers()
    {
        const QString prefix = QStringLiteral(HEARTH_BINARY_DIR "/npm");
        if (QStandardPaths::findExecutable("node").isEmpty() ||
            !QFile::exists(prefix + "/node_modules/openai"))
            QSKIP("node or the openai package is missing (the setup could not reach the npm registry)");
        QVERIFY(m_server.addTinyModel());
        QVERIFY(m_server.start({"-m", "tiny"}));
        QProcess node;
        node.start("node", {QStringLiteral(HEARTH_SOURCE_DIR "/tests/app/server/openai_sdk.cjs"), prefix,
                            m_server.url("/v1")});
        QVERIFY(waitUntil([&] { return node.state() == QProcess::NotRunning; }, 60000));
        const QByteArray err = node.readAllStandardError();
        QVERIFY2(node.exitCode() == 0, err.constData());
        const QJsonObject seen = QJsonDocument::fromJson(node.readAllStandardOutput()).object();
        QCOMPARE(seen["models"].toArray().first().toString(), QString("tiny"));
        QVERIFY(seen["models"].toArray().contains(QJsonValue("stories260K")));
        QVERIFY(!seen["whole"].toString().isEmpty());
        QCOMPARE(seen["streamed"].toString(), seen["whole"].toString());
        QCOMPARE(seen["streamedFinish"].toString(), seen["wholeFinish"].toString());
        QCOMPARE(seen["streamedUsage"].toObject()["completion_tokens"].toInt(),
                 seen["wholeUsage"].toObject()["completion_tokens"].toInt());
        QCOMPARE(seen["notFound"].toObject()["status"].toInt(), 404);
        QCOMPARE(seen["notFound"].toObject()["code"].toString(), QString("model_not_found"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiSdk)
#include "tst_openai_sdk.moc"
