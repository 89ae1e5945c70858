// The OpenAI-compatible endpoints of `hearth-cli serve`, over real HTTP on the loopback: the
// model list, completions and chat completions streamed and whole (identical at temperature
// 0, and the same text `hearth-cli generate` prints), stop strings, token limits, usage, a model
// loaded on request, and errors in OpenAI's shape.
#include "apitestserver.h"

#include <QJsonArray>

class TestOpenAi : public QObject {
    Q_OBJECT
    ApiTestServer m_server;

    static QString completionText(const QJsonObject& response)
    {
        return response["choices"].toArray().first().toObject()["text"].toString();
    }

    static QString streamedText(const QList<QJsonObject>& events, bool chat, QString* finish = nullptr)
    {
        QString text;
        for (const QJsonObject& event : events) {
            const QJsonArray choices = event["choices"].toArray();
            if (choices.isEmpty())
                continue;
            const QJsonObject choice = choices.first().toObject();
            text += chat ? choice["delta"].toObject()["content"].toString() : choice["text"].toString();
            if (finish && choice["finish_reason"].isString())
                *finish = choice["finish_reason"].toString();
        }
        return text;
    }

    static void verifyError(const HttpResult& result, int status, const QString& code = {})
    {
        QCOMPARE(result.status, status);
        const QJsonObject error = result.json()["error"].toObject();
        QVERIFY2(!error["message"].toString().isEmpty(), result.body.constData());
        QVERIFY(error.contains("type"));
        if (!code.isEmpty())
            QCOMPARE(error["code"].toString(), code);
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_server.addTinyModel());
        QVERIFY(m_server.start({"-m", "stories260K"}));
    }

    void healthAndModelsListTheLoadedModelFirst()
    {
        const HttpResult health = m_server.request("GET", "/health");
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json()["status"].toString(), QString("ok"));
        const HttpResult models = m_server.request("GET", "/v1/models");
        QCOMPARE(models.status, 200);
        QCOMPARE(models.json()["object"].toString(), QString("list"));
        const QJsonArray data = models.json()["data"].toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data[0].toObject()["id"].toString(), QString("stories260K"));
        QCOMPARE(data[0].toObject()["object"].toString(), QString("model"));
        QCOMPARE(data[1].toObject()["id"].toString(), QString("tiny"));

        const HttpResult one = m_server.request("GET", "/v1/models/tiny");
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json()["id"].toString(), QString("tiny"));
        verifyError(m_server.request("GET", "/v1/models/gpt-17"), 404, "model_not_found");
    }

    void http10ClientGetsAStreamEndedByClose()
    {
        int code = -1;
        const QByteArray body =
            curl({"--http1.0", "-d", R"({"prompt": "Once upon a time", "max_tokens": 8, "stream": true})",
                  m_server.url("/v1/completions")},
                 &code);
        QCOMPARE(code, 0);
        bool done = false;
        QCOMPARE(sseEvents(body, &done).size(), 9); // 8 pieces and the finish
        QVERIFY(done);
    }

    void completionStreamedEqualsWholeAndGenerate()
    {
        const QJsonObject body{
            {"model", "stories260K"}, {"prompt", "Once upon a time"}, {"max_tokens", 48}, {"temperature", 0}};
        const HttpResult whole = m_server.post("/v1/completions", body);
        QCOMPARE(whole.status, 200);
        const QJsonObject response = whole.json();
        QCOMPARE(response["object"].toString(), QString("text_completion"));
        QCOMPARE(response["model"].toString(), QString("stories260K"));
        const QString text = completionText(response);
        QVERIFY(text.size() > 20);
        QCOMPARE(response["choices"].toArray().first().toObject()["finish_reason"].toString(),
                 QString("length"));
        const QJsonObject usage = response["usage"].toObject();
        QCOMPARE(usage["completion_tokens"].toInt(), 48);
        QVERIFY(usage["prompt_tokens"].toInt() > 1);
        QCOMPARE(usage["total_tokens"].toInt(), usage["prompt_tokens"].toInt() + 48);
        QVERIFY(usage["prompt_tokens_details"].toObject().contains("cached_tokens"));

        QJsonObject streamBody = body;
        streamBody["stream"] = true;
        const HttpResult streamed = m_server.post("/v1/completions", streamBody);
        QCOMPARE(streamed.status, 200);
        QVERIFY(streamed.headers.value("content-type").startsWith("text/event-stream"));
        bool done = false;
        const QList<QJsonObject> events = sseEvents(streamed.body, &done);
        QVERIFY(done);
        QVERIFY(events.size() > 2);
        QString finish;
        QCOMPARE(streamedText(events, false, &finish), text);
        QCOMPARE(finish, QString("length"));

        QProcess generate;
        generate.setProcessEnvironment(m_server.environment());
        generate.start(hearthCli(), {"generate", "-m", testdataPath("stories260K.gguf"), "-p",
                                     "Once upon a time", "-n", "48", "--temp", "0"});
        QVERIFY(generate.waitForFinished(60000));
        QCOMPARE(QString::fromUtf8(generate.readAllStandardOutput()).chopped(1), text);
    }

    void stopStringEndsTheAnswerUnprinted()
    {
        const HttpResult result = m_server.post(
            "/v1/completions",
            {{"prompt", "Once upon a time"}, {"max_tokens", 64}, {"temperature", 0}, {"stop", "Lily"}});
        QCOMPARE(result.status, 200);
        const QJsonObject choice = result.json()["choices"].toArray().first().toObject();
        QVERIFY(!choice["text"].toString().contains("Lily"));
        QCOMPARE(choice["finish_reason"].toString(), QString("stop"));
        QVERIFY(result.json()["usage"].toObject()["completion_tokens"].toInt() < 64);

        const HttpResult listed = m_server.post("/v1/completions", {{"prompt", "Once upon a time"},
                                                                    {"max_tokens", 64},
                                                                    {"temperature", 0},
                                                                    {"stop", QJsonArray{"zzz", "Lily"}}});
        QCOMPARE(completionText(listed.json()), choice["text"].toString());
    }

    void chatLoadsTheNamedModelStreamedEqualsWhole()
    {
        const QJsonObject body{
            {"model", "tiny"},
            {"messages",
             QJsonArray{QJsonObject{{"role", "system"}, {"content", "Be brief."}},
                        QJsonObject{{"role", "user"},
                                    {"content",
                                     QJsonArray{QJsonObject{{"type", "text"}, {"text", "Hello there"}}}}}}},
            {"max_completion_tokens", 24},
            {"temperature", 0},
            {"seed", 7}};
        const HttpResult whole = m_server.post("/v1/chat/completions", body);
        QCOMPARE(whole.status, 200);
        const QJsonObject response = whole.json();
        QCOMPARE(response["object"].toString(), QString("chat.completion"));
        QCOMPARE(response["model"].toString(), QString("tiny"));
        const QJsonObject choice = response["choices"].toArray().first().toObject();
        QCOMPARE(choice["message"].toObject()["role"].toString(), QString("assistant"));
        const QString text = choice["message"].toObject()["content"].toString();
        QVERIFY(!text.isEmpty());
        QVERIFY(QStringList({"stop", "length"}).contains(choice["finish_reason"].toString()));

        QJsonObject streamBody = body;
        streamBody["stream"] = true;
        streamBody["stream_options"] = QJsonObject{{"include_usage", true}};
        const HttpResult streamed = m_server.post("/v1/chat/completions", streamBody);
        QCOMPARE(streamed.status, 200);
        bool done = false;
        const QList<QJsonObject> events = sseEvents(streamed.body, &done);
        QVERIFY(done);
        QCOMPARE(events.first()["object"].toString(), QString("chat.completion.chunk"));
        QCOMPARE(
            events.first()["choices"].toArray().first().toObject()["delta"].toObject()["role"].toString(),
            QString("assistant"));
        QCOMPARE(streamedText(events, true), text);
        // With include_usage the last event carries the usage and no choices.
        QVERIFY(events.last()["choices"].toArray().isEmpty());
        QCOMPARE(events.last()["usage"].toObject()["completion_tokens"].toInt(),
                 response["usage"].toObject()["completion_tokens"].toInt());
        QCOMPARE(events.last()["usage"].toObject()["prompt_tokens"].toInt(),
                 response["usage"].toObject()["prompt_tokens"].toInt());

        const HttpResult models = m_server.request("GET", "/v1/models");
        QCOMPARE(models.json()["data"].toArray().first().toObject()["id"].toString(), QString("tiny"));
    }

    // JSON mode constrains sampling, so even a random-weight model at a high temperature and a
    // story model cut short by max_tokens answer with one object that parses.
    void jsonModeAlwaysParses()
    {
        for (const QString model : {"tiny", "stories260K"})
            for (int maxTokens : {3, 12, 48})
                for (int seed : {1, 2}) {
                    const QJsonObject body{
                        {"model", model},
                        {"messages",
                         QJsonArray{QJsonObject{{"role", "user"}, {"content", "Describe a cat as JSON."}}}},
                        {"response_format", QJsonObject{{"type", "json_object"}}},
                        {"max_tokens", maxTokens},
                        {"temperature", 1.2},
                        {"seed", seed}};
                    const HttpResult result = m_server.post("/v1/chat/completions", body);
                    QCOMPARE(result.status, 200);
                    const QJsonObject choice = result.json()["choices"].toArray().first().toObject();
                    const QByteArray content = choice["message"].toObject()["content"].toString().toUtf8();
                    QJsonParseError error{};
                    const QJsonDocument parsed = QJsonDocument::fromJson(content, &error);
                    QVERIFY2(error.error == QJsonParseError::NoError && parsed.isObject(),
                             qPrintable(model + " " + QString::number(maxTokens) + ": " + content));
                    QCOMPARE(choice["finish_reason"].toString(), QString("stop"));
                    QVERIFY(result.json()["usage"].toObject()["completion_tokens"].toInt() <= maxTokens);
                }

        // Streamed at temperature 0 it is the same object, piece by piece.
        const QJsonObject body{{"model", "stories260K"},
                               {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "A dog?"}}}},
                               {"response_format", QJsonObject{{"type", "json_object"}}},
                               {"max_tokens", 32},
                               {"temperature", 0}};
        const QString whole = m_server.post("/v1/chat/completions", body)
                                  .json()["choices"]
                                  .toArray()
                                  .first()
                                  .toObject()["message"]
                                  .toObject()["content"]
                                  .toString();
        QJsonObject streamBody = body;
        streamBody["stream"] = true;
        QCOMPARE(streamedText(sseEvents(m_server.post("/v1/chat/completions", streamBody).body), true), whole);
    }

    // logprobs: one entry per generated token, whose texts make the answer, each with its
    // log-probability and the asked-for number of alternatives, best first; the stream carries
    // the same entries spread over its chunks.
    void chatLogprobs()
    {
        const QJsonObject body{{"model", "stories260K"},
                               {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Tell a story"}}}},
                               {"max_tokens", 16},
                               {"temperature", 0.7},
                               {"seed", 3},
                               {"logprobs", true},
                               {"top_logprobs", 3}};
        const HttpResult result = m_server.post("/v1/chat/completions", body);
        QCOMPARE(result.status, 200);
        const QJsonObject choice = result.json()["choices"].toArray().first().toObject();
        const QJsonArray content = choice["logprobs"].toObject()["content"].toArray();
        QVERIFY(!content.isEmpty());
        QVERIFY(content.size() <= result.json()["usage"].toObject()["completion_tokens"].toInt());
        QString joined;
        for (const QJsonValue& value : content) {
            const QJsonObject entry = value.toObject();
            joined += entry["token"].toString();
            const double logprob = entry["logprob"].toDouble(1);
            QVERIFY(logprob <= 0);
            QVERIFY(!entry["bytes"].toArray().isEmpty());
            const QJsonArray top = entry["top_logprobs"].toArray();
            QCOMPARE(top.size(), 3);
            QVERIFY(top[0].toObject()["logprob"].toDouble() >= logprob);
            QVERIFY(top[0].toObject()["logprob"].toDouble() >= top[1].toObject()["logprob"].toDouble());
            QVERIFY(top[1].toObject()["logprob"].toDouble() >= top[2].toObject()["logprob"].toDouble());
        }
        QCOMPARE(joined, choice["message"].toObject()["content"].toString());

        QJsonObject streamBody = body;
        streamBody["stream"] = true;
        QJsonArray streamedContent;
        for (const QJsonObject& event : sseEvents(m_server.post("/v1/chat/completions", streamBody).body))
            for (const QJsonValue& choiceValue : event["choices"].toArray())
                for (const QJsonValue& entry :
                     choiceValue.toObject()["logprobs"].toObject()["content"].toArray())
                    streamedContent.append(entry);
        // The same tokens; the values agree to float precision (the stream's prompt may come
        // from the cache, which sums in another order).
        QCOMPARE(streamedContent.size(), content.size());
        for (int i = 0; i < content.size(); ++i) {
            QCOMPARE(streamedContent[i].toObject()["token"], content[i].toObject()["token"]);
            QVERIFY(qAbs(streamedContent[i].toObject()["logprob"].toDouble() -
                         content[i].toObject()["logprob"].toDouble()) < 1e-3);
        }

        // Without logprobs there are none.
        QJsonObject plain = body;
        plain.remove("logprobs");
        plain.remove("top_logprobs");
        QVERIFY(m_server.post("/v1/chat/completions", plain)
                    .json()["choices"]
                    .toArray()
                    .first()
                    .toObject()["logprobs"]
                    .isNull());
    }

    void completionLogprobsInTheLegacyShape()
    {
        const HttpResult result = m_server.post(
            "/v1/completions", {{"prompt", "Once upon a time"}, {"max_tokens", 8}, {"temperature", 0}, {"logprobs", 2}});
        QCOMPARE(result.status, 200);
        const QJsonObject choice = result.json()["choices"].toArray().first().toObject();
        const QJsonObject logprobs = choice["logprobs"].toObject();
        const QJsonArray tokens = logprobs["tokens"].toArray();
        QVERIFY(!tokens.isEmpty());
        QCOMPARE(logprobs["token_logprobs"].toArray().size(), tokens.size());
        QCOMPARE(logprobs["top_logprobs"].toArray().size(), tokens.size());
        QCOMPARE(logprobs["text_offset"].toArray().size(), tokens.size());
        QString joined;
        for (int i = 0; i < tokens.size(); ++i) {
            QCOMPARE(logprobs["text_offset"].toArray()[i].toInt(), int(joined.size()));
            joined += tokens[i].toString();
            const QJsonObject top = logprobs["top_logprobs"].toArray()[i].toObject();
            QVERIFY(!top.isEmpty() && top.size() <= 2);
        }
        QCOMPARE(joined, choice["text"].toString());
    }

    void unknownModelIs404ListingInstalled()
    {
        const HttpResult result =
            m_server.post("/v1/chat/completions",
                          {{"model", "gpt-17"},
                           {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "hi"}}}}});
        verifyError(result, 404, "model_not_found");
        const QString message = result.json()["error"].toObject()["message"].toString();
        QVERIFY2(message.contains("stories260K") && message.contains("tiny"), qPrintable(message));
    }

    void badRequestsAre400_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("malformed JSON") << "/v1/chat/completions" << QByteArray("{\"messages\": [");
        QTest::newRow("not an object") << "/v1/completions" << QByteArray("[1, 2]");
        QTest::newRow("no messages") << "/v1/chat/completions" << QByteArray("{\"model\": \"tiny\"}");
        QTest::newRow("unknown role")
            << "/v1/chat/completions" << QByteArray(R"({"messages": [{"role": "wizard", "content": "hi"}]})");
        QTest::newRow("temperature a string")
            << "/v1/completions" << QByteArray(R"({"prompt": "a", "temperature": "hot"})");
        QTest::newRow("temperature out of range")
            << "/v1/completions" << QByteArray(R"({"prompt": "a", "temperature": 9})");
        QTest::newRow("n = 2") << "/v1/completions" << QByteArray(R"({"prompt": "a", "n": 2})");
        QTest::newRow("image part")
            << "/v1/chat/completions"
            << QByteArray(R"({"messages": [{"role": "user", "content": [{"type": "image_url"}]}]})");
        QTest::newRow("max_tokens negative")
            << "/v1/completions" << QByteArray(R"({"prompt": "a", "max_tokens": -1})");
        QTest::newRow("stop a number") << "/v1/completions" << QByteArray(R"({"prompt": "a", "stop": 3})");
        QTest::newRow("json_schema")
            << "/v1/chat/completions"
            << QByteArray(R"({"messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_schema"}})");
        QTest::newRow("unknown response_format")
            << "/v1/completions" << QByteArray(R"({"prompt": "a", "response_format": {"type": "yaml"}})");
        QTest::newRow("top_logprobs without logprobs")
            << "/v1/chat/completions"
            << QByteArray(R"({"messages": [{"role": "user", "content": "hi"}], "top_logprobs": 2})");
        QTest::newRow("top_logprobs 21")
            << "/v1/chat/completions"
            << QByteArray(R"({"messages": [{"role": "user", "content": "hi"}], "logprobs": true, "top_logprobs": 21})");
        QTest::newRow("completion logprobs 6") << "/v1/completions" << QByteArray(R"({"prompt": "a", "logprobs": 6})");
    }

    void badRequestsAre400()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        verifyError(m_server.request("POST", path, body), 400);
    }

    void unknownEndpointAndMethod()
    {
        verifyError(m_server.request("GET", "/v1/nothing"), 404);
        verifyError(m_server.request("GET", "/v1/chat/completions"), 405);
    }

    void everyRequestIsLogged()
    {
        const QStringList lines = m_server.logLines();
        QVERIFY(
            lines
                .filter(QRegularExpression("^\\S+ 127\\.0\\.0\\.1 POST /v1/completions 200 model=stories260K "
                                           "tokens=\\d+\\+48 [0-9.]+ ms$"))
                .size() >= 2);
        QVERIFY(!lines.filter(" GET /v1/nothing 404 ").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOpenAi)
#include "tst_openai.moc"
