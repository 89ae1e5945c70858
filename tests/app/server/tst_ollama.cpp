// The Ollama-compatible endpoints of `hearth-cli serve`, driven with curl over the loopback:
// tags, ps, version and show; generate and chat as a newline-delimited JSON stream by default
// and as one object with "stream": false (identical text at temperature 0), Ollama's options,
// and errors in Ollama's shape.
#include "apitestserver.h"

#include <QJsonArray>

class TestOllama : public QObject {
    Q_OBJECT
    ApiTestServer m_server;

    QByteArray post(const QString& path, const QJsonObject& body, int* code = nullptr)
    {
        return curl({"-H", "Content-Type: application/json", "-d",
                     QJsonDocument(body).toJson(QJsonDocument::Compact), m_server.url(path)},
                    code);
    }

    static QList<QJsonObject> lines(const QByteArray& body)
    {
        QList<QJsonObject> objects;
        for (const QByteArray& line : body.split('\n'))
            if (!line.trimmed().isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        return objects;
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_server.addTinyModel());
        QVERIFY(m_server.start({"-m", "stories260K"}));
    }

    void tagsVersionPsAndShow()
    {
        const QJsonObject tags = QJsonDocument::fromJson(curl({m_server.url("/api/tags")})).object();
        const QJsonArray models = tags["models"].toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].toObject()["name"].toString(), QString("stories260K"));
        QCOMPARE(models[0].toObject()["details"].toObject()["format"].toString(), QString("gguf"));
        QVERIFY(models[0].toObject()["size"].toInteger() > 0);

        const QJsonObject version = QJsonDocument::fromJson(curl({m_server.url("/api/version")})).object();
        QVERIFY(!version["version"].toString().isEmpty());

        const QJsonObject ps = QJsonDocument::fromJson(curl({m_server.url("/api/ps")})).object();
        QCOMPARE(ps["models"].toArray().size(), 1);

        const QJsonObject show =
            QJsonDocument::fromJson(post("/api/show", {{"model", "stories260K:latest"}})).object();
        QCOMPARE(show["details"].toObject()["family"].toString(), QString("llama"));
        QVERIFY(show["model_info"].toObject()["general.parameter_count"].toInteger() > 0);

        QCOMPARE(curl({m_server.url("/")}), QByteArray("Hearth is running"));
    }

    void generateStreamsLinesEqualToTheWholeAnswer()
    {
        const QJsonObject options{{"temperature", 0}, {"num_predict", 40}, {"top_k", 1}, {"seed", 1}};
        const QJsonObject body{
            {"model", "stories260K"}, {"prompt", "Once upon a time"}, {"raw", true}, {"options", options}};
        int code = -1;
        const QList<QJsonObject> streamed = lines(post("/api/generate", body, &code));
        QCOMPARE(code, 0);
        QVERIFY(streamed.size() > 2);
        QString text;
        for (int i = 0; i < streamed.size() - 1; ++i) {
            QCOMPARE(streamed[i]["done"].toBool(), false);
            QCOMPARE(streamed[i]["model"].toString(), QString("stories260K"));
            text += streamed[i]["response"].toString();
        }
        const QJsonObject last = streamed.last();
        QCOMPARE(last["done"].toBool(), true);
        QCOMPARE(last["done_reason"].toString(), QString("length"));
        QCOMPARE(last["eval_count"].toInt(), 40);
        QVERIFY(last["prompt_eval_count"].toInt() > 1);
        QVERIFY(last["total_duration"].toInteger() > 0);

        QJsonObject whole = body;
        whole["stream"] = false;
        const QJsonObject answer = QJsonDocument::fromJson(post("/api/generate", whole)).object();
        QCOMPARE(answer["done"].toBool(), true);
        QCOMPARE(answer["response"].toString(), text);
    }

    void generateStopsAtStopString()
    {
        const QJsonObject body{
            {"prompt", "Once upon a time"},
            {"raw", true},
            {"stream", false},
            {"options", QJsonObject{{"temperature", 0}, {"num_predict", 64}, {"stop", QJsonArray{"Lily"}}}}};
        const QJsonObject answer = QJsonDocument::fromJson(post("/api/generate", body)).object();
        QVERIFY(!answer["response"].toString().isEmpty());
        QVERIFY(!answer["response"].toString().contains("Lily"));
        QCOMPARE(answer["done_reason"].toString(), QString("stop"));
    }

    void chatOnTheTemplateModel()
    {
        const QJsonObject body{{"model", "tiny"},
                               {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Hello"}}}},
                               {"options", QJsonObject{{"temperature", 0}, {"num_predict", 16}}}};
        const QList<QJsonObject> streamed = lines(post("/api/chat", body));
        QVERIFY(streamed.size() >= 2);
        QString text;
        for (const QJsonObject& line : streamed)
            text += line["message"].toObject()["content"].toString();
        QCOMPARE(streamed.last()["done"].toBool(), true);
        QCOMPARE(streamed.first()["message"].toObject()["role"].toString(), QString("assistant"));

        QJsonObject whole = body;
        whole["stream"] = false;
        const QJsonObject answer = QJsonDocument::fromJson(post("/api/chat", whole)).object();
        QCOMPARE(answer["message"].toObject()["content"].toString(), text);
        QCOMPARE(answer["model"].toString(), QString("tiny"));

        // An empty conversation only loads the model, as Ollama's clients use it.
        const QJsonObject load =
            QJsonDocument::fromJson(post("/api/chat", {{"model", "stories260K"}})).object();
        QCOMPARE(load["done_reason"].toString(), QString("load"));
        const QJsonObject ps = QJsonDocument::fromJson(curl({m_server.url("/api/ps")})).object();
        QCOMPARE(ps["models"].toArray().first().toObject()["name"].toString(), QString("stories260K"));
    }

    void formatJsonGivesAnObject()
    {
        for (const QString path : {"/api/chat", "/api/generate"}) {
            QJsonObject body{{"model", "tiny"},
                             {"format", "json"},
                             {"stream", false},
                             {"options", QJsonObject{{"temperature", 1.0}, {"num_predict", 20}, {"seed", 4}}}};
            if (path == "/api/chat")
                body["messages"] = QJsonArray{QJsonObject{{"role", "user"}, {"content", "A cat as JSON"}}};
            else
                body["prompt"] = "A cat as JSON";
            const QJsonObject answer = QJsonDocument::fromJson(post(path, body)).object();
            const QString text = path == "/api/chat" ? answer["message"].toObject()["content"].toString()
                                                      : answer["response"].toString();
            QJsonParseError error{};
            QVERIFY2(QJsonDocument::fromJson(text.toUtf8(), &error).isObject(), qPrintable(path + ": " + text));
        }
        const QByteArray schema = curl({"-w", "\n%{http_code}", "-d",
                                        R"({"prompt": "hi", "format": {"type": "object"}})",
                                        m_server.url("/api/generate")});
        QVERIFY2(schema.endsWith("\n400"), schema.constData());
    }

    void errorsInOllamaShape()
    {
        const QByteArray unknown =
            curl({"-w", "\n%{http_code}", "-d", R"({"model": "llama9", "prompt": "hi"})",
                  m_server.url("/api/generate")});
        QVERIFY2(unknown.endsWith("\n404"), unknown.constData());
        const QJsonObject error = QJsonDocument::fromJson(unknown.left(unknown.lastIndexOf('\n'))).object();
        QVERIFY(error["error"].toString().contains("stories260K"));

        const QByteArray malformed = curl({"-w", "\n%{http_code}", "-d", "{nope", m_server.url("/api/chat")});
        QVERIFY2(malformed.endsWith("\n400"), malformed.constData());
        QVERIFY(QJsonDocument::fromJson(malformed.left(malformed.lastIndexOf('\n')))
                    .object()["error"]
                    .isString());

        const QByteArray badOption =
            curl({"-w", "\n%{http_code}", "-d", R"({"prompt": "hi", "options": {"num_predict": "many"}})",
                  m_server.url("/api/generate")});
        QVERIFY2(badOption.endsWith("\n400"), badOption.constData());
    }
};

QTEST_GUILESS_MAIN(TestOllama)
#include "tst_ollama.moc"
