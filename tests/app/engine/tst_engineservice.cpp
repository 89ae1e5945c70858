// The engine service on the default Vulkan device (lavapipe in CI) with small f32 test models,
// whose greedy text is stable across kernels: interleaved clients get the text each gets alone,
// a chat turn overtakes a running summary at a token boundary, cancelling touches one job, a full
// queue refuses, a model switch waits or cancels, and a dropped session is rebuilt exactly.
// Order of events is asserted, never time.
#include "engine/enginewait.h"

#include "hearth/engine.h"
#include "hearth/test_model.h"

#include <QtTest>

namespace {

constexpr int kTimeoutMs = 240000;

struct Event {
    enum Type { Started, Piece, Finished, Failed, Loaded, Dropped } type;
    qint64 jobId = 0;
    QString text;
};

// Every signal of a service, in the order the GUI thread received them.
class Recorder : public QObject {
  public:
    explicit Recorder(EngineService& engine)
    {
        connect(&engine, &EngineService::jobStarted, this, [this](qint64 id) { add(Event::Started, id); });
        connect(&engine, &EngineService::jobPiece, this, [this](qint64 id, const QString& piece) {
            add(Event::Piece, id, piece);
            texts[id] += piece;
        });
        connect(&engine, &EngineService::jobFinished, this, [this](qint64 id, const JobStats& s) {
            stats[id] = s;
            add(Event::Finished, id, s.finishReason);
        });
        connect(&engine, &EngineService::jobFailed, this, [this](qint64 id, const QString& error) {
            errors[id] = error;
            add(Event::Failed, id, error);
        });
        connect(&engine, &EngineService::modelLoaded, this,
                [this](const LoadedModel& model) { add(Event::Loaded, 0, model.path); });
        connect(&engine, &EngineService::sessionDropped, this,
                [this](const QString& client) { add(Event::Dropped, 0, client); });
    }

    bool ended(qint64 id) const { return stats.contains(id) || errors.contains(id); }
    int count(Event::Type type, qint64 id) const
    {
        return int(std::count_if(events.begin(), events.end(), [&](const Event& e) { return e.type == type && e.jobId == id; }));
    }
    // Index of the first event of `type` for `id` (-1: none).
    int indexOf(Event::Type type, qint64 id, const QString& text = {}) const
    {
        for (int i = 0; i < events.size(); ++i)
            if (events[i].type == type && events[i].jobId == id && (text.isNull() || events[i].text == text))
                return i;
        return -1;
    }
    int piecesBetween(qint64 id, int from, int to) const
    {
        int n = 0;
        for (int i = std::max(0, from); i < to && i < events.size(); ++i)
            n += events[i].type == Event::Piece && events[i].jobId == id;
        return n;
    }

    QList<Event> events;
    QHash<qint64, QString> texts;
    QHash<qint64, JobStats> stats;
    QHash<qint64, QString> errors;

  private:
    void add(Event::Type type, qint64 id, const QString& text = {}) { events.append({type, id, text}); }
};

using Turns = QList<QPair<QString, QString>>;

EngineJob chatJob(const QString& client, const Turns& turns, int maxTokens = 12,
                  JobPriority priority = JobPriority::Interactive)
{
    EngineJob job;
    job.kind = JobKind::ChatTurn;
    job.clientId = client;
    job.priority = priority;
    job.turns = turns;
    job.sampling.temperature = 0;
    job.maxTokens = maxTokens;
    return job;
}

// A long background job: a story continued for `tokens` tokens whatever the model samples.
EngineJob storyJob(const QString& client, int tokens)
{
    EngineJob job;
    job.kind = JobKind::Completion;
    job.clientId = client;
    job.priority = JobPriority::Background;
    job.prompt = QStringLiteral("Once upon a time, in a small village by the sea, there lived");
    job.sampling.temperature = 0;
    job.maxTokens = tokens;
    job.ignoreEndOfGeneration = true;
    return job;
}

Turns turnsOf(const QString& user) { return {{QStringLiteral("user"), user}}; }

Turns followUp(Turns turns, const QString& answer, const QString& user)
{
    turns.append({QStringLiteral("assistant"), answer});
    turns.append({QStringLiteral("user"), user});
    return turns;
}

} // namespace

class TestEngineService : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_modelA, m_modelB;

    LoadRequest request(const QString& path) const
    {
        LoadRequest r;
        r.path = path;
        r.contextLength = 512;
        r.batchSize = 32; // prompts in several chunks, each a point where a job may yield
        return r;
    }

    bool load(EngineService& engine, const QString& path)
    {
        const LoadOutcome outcome = loadModelAndWait(engine, request(path));
        if (!outcome.error.isEmpty())
            qWarning() << outcome.error;
        return outcome.error.isEmpty();
    }

    // The job on a service of its own, with nothing else running.
    JobOutcome alone(const EngineJob& job, const QString& model = {})
    {
        EngineService engine;
        if (!load(engine, model.isEmpty() ? m_modelA : model))
            return {QStringLiteral("load failed"), {}, {}};
        return runJobAndWait(engine, job);
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_modelA = m_dir.filePath(QStringLiteral("a.gguf"));
        m_modelB = m_dir.filePath(QStringLiteral("b.gguf"));
        hearth::TestModelOptions options;
        hearth::write_test_model(options, m_modelA.toStdString());
        options.seed = 2;
        hearth::write_test_model(options, m_modelB.toStdString());
    }

    void embeddingModelTakesEmbeddingJobsOnly()
    {
        const QString bert = m_dir.filePath(QStringLiteral("bert.gguf"));
        hearth::write_test_model({"bert", "tiny", "f16", 1}, bert.toStdString());
        EngineService engine;
        const LoadOutcome loaded = loadModelAndWait(engine, request(bert));
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        QVERIFY(loaded.embedding);
        QCOMPARE(loaded.embeddingLength, 256);
        QCOMPARE(loaded.contextLength, 128);

        // More texts than one step takes: the job runs in several steps, the order is kept.
        EngineJob job;
        job.kind = JobKind::Embedding;
        job.clientId = QStringLiteral("embed");
        job.priority = JobPriority::Background;
        for (int i = 0; i < 21; ++i)
            job.texts.append(QStringLiteral("text number %1 about the river").arg(i));
        job.texts.append(QStringLiteral("the stone was warm. ").repeated(40)); // past the context
        const JobOutcome all = runJobAndWait(engine, job);
        QVERIFY2(all.error.isEmpty(), qPrintable(all.error));
        QCOMPARE(all.stats.embeddings.size(), 22);
        QCOMPARE(all.stats.finishReason, QStringLiteral("stop"));
        QCOMPARE(all.stats.embeddings.last().truncated, true);
        QCOMPARE(all.stats.embeddings.last().tokens, 128);
        QVERIFY(all.stats.promptMs > 0);
        EngineJob one = job;
        one.texts = {job.texts[17]};
        const JobOutcome single = runJobAndWait(engine, one);
        QCOMPARE(single.stats.embeddings.size(), 1);
        const QList<float>& a = single.stats.embeddings[0].values;
        const QList<float>& b = all.stats.embeddings[17].values;
        double dot = 0;
        for (qsizetype i = 0; i < a.size(); ++i)
            dot += double(a[i]) * b[i];
        QVERIFY2(dot > 0.99999, qPrintable(QString::number(dot)));

        const JobOutcome chat =
            runJobAndWait(engine, chatJob(QStringLiteral("a"), turnsOf(QStringLiteral("Hi"))));
        QVERIFY2(chat.error.contains(QStringLiteral("is an embedding model (bert)")), qPrintable(chat.error));

        QVERIFY(load(engine, m_modelA));
        const JobOutcome wrongModel = runJobAndWait(engine, job);
        QVERIFY2(wrongModel.error.contains(QStringLiteral("not an embedding model")),
                 qPrintable(wrongModel.error));
    }

    void memoryPlanCountsEverySession()
    {
        hearth::Engine engine;
        const auto model = engine.load(m_modelA.toStdString());
        hearth::SessionOptions options;
        options.context_length = 512;
        const uint64_t perSession = model->session_bytes(options);
        QVERIFY(perSession > 0);
        const uint64_t before = model->free_session_memory();
        const auto first = model->create_session(options);
        const auto second = model->create_session(options);
        const uint64_t after = model->free_session_memory();
        // Each live cache is counted against what is left (allocation rounds up, never down).
        QVERIFY2(before - after >= 2 * perSession * 9 / 10,
                 qPrintable(QStringLiteral("two sessions took %1 bytes of the plan, expected about %2")
                                .arg(before - after).arg(2 * perSession)));
        QVERIFY(before - after <= 4 * perSession);
    }

    void interleavedClientsGetTheTextEachGetsAlone()
    {
        const Turns a1 = turnsOf(QStringLiteral("Tell me about the sea.")),
                    b1 = turnsOf(QStringLiteral("What is a dog?"));
        const JobOutcome aloneA1 = alone(chatJob(QStringLiteral("a"), a1));
        const JobOutcome aloneB1 = alone(chatJob(QStringLiteral("b"), b1));
        QVERIFY(aloneA1.error.isEmpty() && aloneB1.error.isEmpty());
        QVERIFY(!aloneA1.text.isEmpty());
        const Turns a2 = followUp(a1, aloneA1.text, QStringLiteral("And the fish?"));
        const Turns b2 = followUp(b1, aloneB1.text, QStringLiteral("And a cat?"));
        JobOutcome aloneA2, aloneB2;
        {
            EngineService engine;
            QVERIFY(load(engine, m_modelA));
            QVERIFY(runJobAndWait(engine, chatJob(QStringLiteral("a"), a1)).error.isEmpty());
            aloneA2 = runJobAndWait(engine, chatJob(QStringLiteral("a"), a2));
            QVERIFY(runJobAndWait(engine, chatJob(QStringLiteral("b"), b1)).error.isEmpty());
            aloneB2 = runJobAndWait(engine, chatJob(QStringLiteral("b"), b2));
        }
        QVERIFY(aloneA2.stats.cachedTokens > 0); // the first turn stayed in the client's cache

        EngineService engine;
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));
        const qint64 jobA1 = engine.submit(chatJob(QStringLiteral("a"), a1)).jobId;
        const qint64 jobB1 = engine.submit(chatJob(QStringLiteral("b"), b1)).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(jobA1) && events.ended(jobB1), kTimeoutMs);
        const qint64 jobB2 = engine.submit(chatJob(QStringLiteral("b"), b2)).jobId;
        const qint64 jobA2 = engine.submit(chatJob(QStringLiteral("a"), a2)).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(jobA2) && events.ended(jobB2), kTimeoutMs);
        QCOMPARE(events.texts[jobA1], aloneA1.text);
        QCOMPARE(events.texts[jobB1], aloneB1.text);
        QCOMPARE(events.texts[jobA2], aloneA2.text);
        QCOMPARE(events.texts[jobB2], aloneB2.text);
        // Each client kept its own cached prefix while the other ran.
        QCOMPARE(events.stats[jobA2].cachedTokens, aloneA2.stats.cachedTokens);
        QCOMPARE(events.stats[jobB2].cachedTokens, aloneB2.stats.cachedTokens);
    }

    void chatTurnOvertakesARunningSummaryAtATokenBoundary()
    {
        const EngineJob story = storyJob(QStringLiteral("summary"), 96);
        const EngineJob question = chatJob(QStringLiteral("chat:1"), turnsOf(QStringLiteral("Hello!")), 8);
        const JobOutcome storyAlone = alone(story), questionAlone = alone(question);

        EngineService engine;
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));
        const qint64 background = engine.submit(story).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.count(Event::Piece, background) > 0, kTimeoutMs);
        const int submittedAt = int(events.events.size());
        const qint64 interactive = engine.submit(question).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(background) && events.ended(interactive), kTimeoutMs);

        const int started = events.indexOf(Event::Started, interactive);
        const int finished = events.indexOf(Event::Finished, interactive);
        QVERIFY2(started >= submittedAt, qPrintable(QStringLiteral("started at event %1, submitted at %2: %3")
                                                       .arg(started).arg(submittedAt).arg(events.errors.value(interactive))));
        // The summary ran at most a step or two more (pieces already on their way, the step in
        // progress), then nothing of it until the chat turn was done.
        QVERIFY2(events.piecesBetween(background, submittedAt, started) <= 3,
                 qPrintable(QString::number(events.piecesBetween(background, submittedAt, started))));
        QCOMPARE(events.piecesBetween(background, started, finished), 0);
        QVERIFY(events.indexOf(Event::Finished, background) > finished);
        // Neither noticed the other.
        QCOMPARE(events.texts[background], storyAlone.text);
        QCOMPARE(events.texts[interactive], questionAlone.text);
        QCOMPARE(events.stats[background].generatedTokens, 96);
    }

    void chatTurnOvertakesASummaryStillReadingItsPrompt()
    {
        // A prompt of many chunks (the batch is 32 tokens): the chat turn starts at the next
        // chunk boundary, long before the summary has read its prompt.
        EngineJob story = storyJob(QStringLiteral("summary"), 4);
        for (int i = 0; i < 12; ++i)
            story.prompt += QStringLiteral(" The fisherman mended his nets by the harbour wall while the gulls cried.");
        const EngineJob question = chatJob(QStringLiteral("chat:1"), turnsOf(QStringLiteral("Hello!")), 4);
        const JobOutcome storyAlone = alone(story);
        QVERIFY(storyAlone.stats.evaluatedTokens > 8 * 32);

        EngineService engine;
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));
        const qint64 background = engine.submit(story).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.count(Event::Started, background) > 0, kTimeoutMs);
        const qint64 interactive = engine.submit(question).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(background) && events.ended(interactive), kTimeoutMs);
        QVERIFY(events.indexOf(Event::Finished, interactive) < events.indexOf(Event::Piece, background));
        QCOMPARE(events.texts[background], storyAlone.text);
        QCOMPARE(events.stats[background].evaluatedTokens, storyAlone.stats.evaluatedTokens);
    }

    void cancellingAJobLeavesTheOthers()
    {
        const EngineJob b = chatJob(QStringLiteral("b"), turnsOf(QStringLiteral("What is a dog?")));
        const JobOutcome bAlone = alone(b);

        EngineService engine;
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));
        const qint64 first = engine.submit(storyJob(QStringLiteral("a"), 64)).jobId;
        const qint64 second = engine.submit(b).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.count(Event::Piece, first) > 0, kTimeoutMs);
        engine.cancel(first);
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(first) && events.ended(second), kTimeoutMs);
        QCOMPARE(events.stats[first].finishReason, QStringLiteral("cancel"));
        QVERIFY(events.stats[first].generatedTokens < 64);
        QCOMPARE(events.texts[second], bAlone.text);
        QVERIFY(events.stats[second].finishReason != QStringLiteral("cancel"));

        // By client: both of its jobs, and only those, one of them still waiting.
        const qint64 c1 = engine.submit(storyJob(QStringLiteral("c"), 64)).jobId;
        const qint64 c2 = engine.submit(storyJob(QStringLiteral("c"), 64)).jobId;
        const qint64 d = engine.submit(b).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.count(Event::Piece, c1) > 0, kTimeoutMs);
        engine.cancelClient(QStringLiteral("c"));
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(c1) && events.ended(c2) && events.ended(d), kTimeoutMs);
        QCOMPARE(events.stats[c1].finishReason, QStringLiteral("cancel"));
        QCOMPARE(events.stats[c2].finishReason, QStringLiteral("cancel"));
        QCOMPARE(events.stats[c2].generatedTokens, 0);
        QCOMPARE(events.texts[d], bAlone.text);
    }

    void aFullQueueRefuses()
    {
        EngineService::Options options;
        options.maxQueuedJobs = 2;
        EngineService engine(options);
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));
        const EngineJob job = chatJob(QStringLiteral("a"), turnsOf(QStringLiteral("Hi")), 4);
        const EngineService::Submission first = engine.submit(job), second = engine.submit(job);
        const EngineService::Submission third = engine.submit(job);
        QVERIFY(first.accepted() && second.accepted());
        QVERIFY(!third.accepted());
        QVERIFY2(third.error.contains(QStringLiteral("busy")), qPrintable(third.error));
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(first.jobId) && events.ended(second.jobId), kTimeoutMs);
        QVERIFY(events.errors.isEmpty());
        QVERIFY(engine.submit(job).accepted()); // room again
    }

    void modelSwitchWaitsOrCancels_data()
    {
        QTest::addColumn<SwitchPolicy>("policy");
        QTest::newRow("wait") << SwitchPolicy::WaitForJobs;
        QTest::newRow("cancel") << SwitchPolicy::CancelJobs;
    }

    void modelSwitchWaitsOrCancels()
    {
        QFETCH(SwitchPolicy, policy);
        const EngineJob later = chatJob(QStringLiteral("c"), turnsOf(QStringLiteral("What is a dog?")));
        const JobOutcome laterOnB = alone(later, m_modelB);

        EngineService engine;
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));
        const qint64 running = engine.submit(storyJob(QStringLiteral("a"), 48)).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.count(Event::Piece, running) > 0, kTimeoutMs);
        const qint64 waiting = engine.submit(chatJob(QStringLiteral("b"), turnsOf(QStringLiteral("Hi")))).jobId;
        engine.loadModel(request(m_modelB), policy);
        const qint64 after = engine.submit(later).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(running) && events.ended(waiting) && events.ended(after), kTimeoutMs);

        // The job queued for the old model failed, saying why.
        QVERIFY2(events.errors.value(waiting).contains(QStringLiteral("switched")), qPrintable(events.errors.value(waiting)));
        if (policy == SwitchPolicy::WaitForJobs) {
            QCOMPARE(events.stats[running].finishReason, QStringLiteral("length"));
            QCOMPARE(events.stats[running].generatedTokens, 48);
        } else {
            QCOMPARE(events.stats[running].finishReason, QStringLiteral("cancel"));
            QVERIFY(events.stats[running].generatedTokens < 48);
        }
        const int loaded = events.indexOf(Event::Loaded, 0, m_modelB);
        QVERIFY(loaded > events.indexOf(Event::Finished, running));
        QVERIFY(events.indexOf(Event::Started, after) > loaded);
        QCOMPARE(events.texts[after], laterOnB.text); // answered by the new model
    }

    void aDroppedSessionIsRebuiltExactly()
    {
        const Turns a1 = turnsOf(QStringLiteral("Tell me about the sea."));
        const JobOutcome aloneA1 = alone(chatJob(QStringLiteral("a"), a1));
        const Turns a2 = followUp(a1, aloneA1.text, QStringLiteral("And the fish?"));
        JobOutcome aloneA2;
        {
            EngineService engine;
            QVERIFY(load(engine, m_modelA));
            QVERIFY(runJobAndWait(engine, chatJob(QStringLiteral("a"), a1)).error.isEmpty());
            aloneA2 = runJobAndWait(engine, chatJob(QStringLiteral("a"), a2));
        }
        const EngineJob story = storyJob(QStringLiteral("summary"), 64);
        const JobOutcome storyAlone = alone(story);

        EngineService::Options options;
        options.maxSessions = 1; // every other client's job drops the cache
        EngineService engine(options);
        Recorder events(engine);
        QVERIFY(load(engine, m_modelA));

        // Between jobs: a's cache makes room for b's, and a's next turn rebuilds it.
        QCOMPARE(runJobAndWait(engine, chatJob(QStringLiteral("a"), a1)).text, aloneA1.text);
        QVERIFY(runJobAndWait(engine, chatJob(QStringLiteral("b"), turnsOf(QStringLiteral("Hi")))).error.isEmpty());
        QVERIFY(events.indexOf(Event::Dropped, 0, QStringLiteral("a")) >= 0);
        const JobOutcome rebuilt = runJobAndWait(engine, chatJob(QStringLiteral("a"), a2));
        QCOMPARE(rebuilt.text, aloneA2.text);
        QCOMPARE(rebuilt.stats.cachedTokens, 0);

        // Mid-answer: a chat turn takes the only cache from a running summary, which then
        // continues from a rebuilt cache with the very tokens it would have produced.
        const qint64 background = engine.submit(story).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.count(Event::Piece, background) > 2, kTimeoutMs);
        const qint64 interactive = engine.submit(chatJob(QStringLiteral("chat:1"), turnsOf(QStringLiteral("Hello!")), 6)).jobId;
        QTRY_VERIFY_WITH_TIMEOUT(events.ended(background) && events.ended(interactive), kTimeoutMs);
        QVERIFY(events.indexOf(Event::Dropped, 0, QStringLiteral("summary")) >= 0);
        QVERIFY(events.indexOf(Event::Finished, background) > events.indexOf(Event::Finished, interactive));
        QCOMPARE(events.texts[background], storyAlone.text);
    }
};

QTEST_GUILESS_MAIN(TestEngineService)
#include "tst_engineservice.moc"
