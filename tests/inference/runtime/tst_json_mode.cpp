// JSON mode, log-probabilities and scoring: the byte grammar against hand-picked valid and
// invalid objects, its closing distance proven exact state by state, generations of a
// random-weight model that must always come out as one parseable JSON object within the token
// limit, and each token's log-probability, sampled or forced, checked against the model's logits.
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/json_grammar.h"
#include "hearth/test_model.h"
#include "hearth/tokenizer.h"

#include <cmath>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTemporaryDir>
#include <QTest>
#include <random>

using hearth::JsonGrammar;

namespace {

// The index of the first byte the grammar refuses, or -1 when it takes them all.
int firstRefused(std::string_view text, JsonGrammar& grammar)
{
    for (size_t i = 0; i < text.size(); ++i)
        if (!grammar.feed(uint8_t(text[i])))
            return int(i);
    return -1;
}

const char* const kValid[] = {
    "{}",
    "{\"a\":1}",
    " {\"a\" : [1, -0.5e+3, 0, 10.25E-2, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {\"c\": []}}",
    "{\n  \"name\": \"Grüße \xe2\x82\xac \xf0\x9f\x98\x80\",\n  \"list\": [[], {}, [{}]]\n}",
    "{\"\":\"\",\"e\":-0}",
};

} // namespace

class TestJsonMode : public QObject {
    Q_OBJECT
    // A random-weight tiny llama (byte-level BPE with ChatML tokens) on the CPU reference.
    QTemporaryDir m_dir;
    hearth::Engine m_engine{"reference"};
    std::unique_ptr<hearth::Model> m_model;

  private slots:
    void initTestCase()
    {
        const std::string path = m_dir.filePath("tiny.gguf").toStdString();
        hearth::write_test_model({"llama", "tiny", "f32", 3}, path);
        m_model = m_engine.load(path);
    }

    void validObjectsAreTakenWhole()
    {
        for (const char* text : kValid) {
            JsonGrammar grammar;
            QCOMPARE(firstRefused(text, grammar), -1);
            QVERIFY2(grammar.complete(), text);
            QCOMPARE(grammar.bytes_to_close(), 0);
            QVERIFY2(QJsonDocument::fromJson(text).isObject(), text); // the cases are themselves valid
        }
    }

    void invalidTextIsRefusedAtTheFirstWrongByte_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("refusedAt");
        QTest::newRow("top-level array") << QByteArray("[1]") << 0;
        QTest::newRow("top-level string") << QByteArray("\"a\"") << 0;
        QTest::newRow("leading zero") << QByteArray("{\"a\":01}") << 6;
        QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}") << 7;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 5;
        QTest::newRow("broken literal") << QByteArray("{\"a\":tru}") << 8;
        QTest::newRow("control character") << QByteArray("{\"a\":\"\x01\"}") << 6;
        QTest::newRow("bad escape") << QByteArray("{\"a\":\"\\q\"}") << 7;
        QTest::newRow("short unicode escape") << QByteArray("{\"a\":\"\\u12g\"}") << 10;
        QTest::newRow("overlong utf-8") << QByteArray("{\"a\":\"\xc0\x80\"}") << 6;
        QTest::newRow("surrogate utf-8") << QByteArray("{\"a\":\"\xed\xa0\x80\"}") << 7;
        QTest::newRow("past U+10FFFF") << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}") << 7;
        QTest::newRow("quote inside a character") << QByteArray("{\"a\":\"\xc3\"}") << 7;
        QTest::newRow("bare byte outside strings") << QByteArray("{\xc3\xa9}") << 1;
        QTest::newRow("text after the object") << QByteArray("{} ") << 2;
        QTest::newRow("fraction without digits") << QByteArray("{\"a\":1.}") << 7;
        QTest::newRow("lone minus") << QByteArray("{\"a\":-}") << 6;
        QTest::newRow("exponent without digits") << QByteArray("{\"a\":1e+}") << 8;
        QTest::newRow("mismatched closer") << QByteArray("{\"a\":[1}") << 7;
        QTest::newRow("number key") << QByteArray("{1:2}") << 1;
        QTest::newRow("too deep") << QByteArray("{\"a\":" + QByteArray(JsonGrammar::kMaxDepth, '['))
                                  << 5 + 31;
        QTest::newRow("endless blanks")
            << QByteArray("{" + QByteArray(JsonGrammar::kMaxWhitespaceRun + 1, ' '))
            << 1 + JsonGrammar::kMaxWhitespaceRun;
    }

    void invalidTextIsRefusedAtTheFirstWrongByte()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, refusedAt);
        JsonGrammar grammar;
        QCOMPARE(firstRefused(text.toStdString(), grammar), refusedAt);
    }

    void aRefusedPieceLeavesTheGrammarAsItWas()
    {
        JsonGrammar grammar;
        QVERIFY(grammar.feed(std::string_view("{\"a\":")));
        QVERIFY(!grammar.feed(std::string_view("12x")));
        QVERIFY(grammar.feed(std::string_view("3}"))); // "12" was not taken
        QVERIFY(grammar.complete());
    }

    // bytes_to_close is exact when, from every state, (a) some byte brings it one closer and (b)
    // no byte brings it more than one closer: then the shortest completion has exactly that many
    // bytes. Checked on every prefix of the valid objects and on long random walks.
    void theClosingDistanceIsExact()
    {
        std::vector<JsonGrammar> states;
        for (const char* text : kValid) {
            JsonGrammar grammar;
            states.push_back(grammar);
            for (const char* c = text; *c; ++c) {
                QVERIFY(grammar.feed(uint8_t(*c)));
                states.push_back(grammar);
            }
        }
        std::mt19937 random(7);
        for (int walk = 0; walk < 200; ++walk) {
            JsonGrammar grammar;
            for (int step = 0; step < 60 && !grammar.complete(); ++step) {
                std::vector<uint8_t> next;
                for (int b = 0; b < 256; ++b) {
                    JsonGrammar probe = grammar;
                    if (probe.feed(uint8_t(b)))
                        next.push_back(uint8_t(b));
                }
                QVERIFY(!next.empty());
                QVERIFY(grammar.feed(next[random() % next.size()]));
                states.push_back(grammar);
            }
        }
        QVERIFY(states.size() > 5000);
        for (const JsonGrammar& state : states) {
            const int distance = state.bytes_to_close();
            QCOMPARE(distance == 0, state.complete());
            bool closer = false;
            for (int b = 0; b < 256; ++b) {
                JsonGrammar next = state;
                if (!next.feed(uint8_t(b)))
                    continue;
                QVERIFY2(next.bytes_to_close() >= distance - 1, "a byte closed more than one step");
                closer = closer || next.bytes_to_close() == distance - 1;
            }
            QVERIFY(closer || state.complete());
        }
    }

    // A random-weight model (tiny llama, byte-level BPE with ChatML tokens) at several seeds,
    // temperatures and limits: every answer parses as one JSON object, even the ones cut short
    // by the limit, because tokens that leave too much open near the end are masked.
    void generationsAlwaysParse()
    {
        const auto& model = m_model;
        const std::vector<int32_t> prompt = model->tokenizer().encode("Answer in JSON:", true, false);
        int completed = 0;
        for (uint64_t seed = 1; seed <= 12; ++seed)
            for (int maxTokens : {2, 3, 9, 40}) {
                hearth::SamplingParams params;
                params.seed = seed;
                params.temperature = seed % 3 == 0 ? 0.0f : 1.5f;
                hearth::Sampler sampler(params);
                hearth::GenerateOptions options;
                options.max_tokens = maxTokens;
                options.json_object = true;
                const auto session = model->create_session({256, 64});
                const hearth::GenerateResult result =
                    hearth::generate(*session, *model, sampler, prompt, options, {});
                QJsonParseError error{};
                const QJsonDocument document =
                    QJsonDocument::fromJson(QByteArray::fromStdString(result.text), &error);
                const QByteArray context = QByteArray::fromStdString(result.text) + " seed " +
                                           QByteArray::number(seed) + " max " + QByteArray::number(maxTokens);
                QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), context.constData());
                QVERIFY(int(result.tokens.size()) <= maxTokens);
                QVERIFY(result.stop_reason == hearth::StopReason::EndOfGeneration); // closed, not cut
                completed += result.text.size() > 2 ? 1 : 0;
            }
        QVERIFY2(completed > 0, "every answer was {}: the mask allows too little");
    }

    // Each token's log-probability is the log softmax of the logits the model gave at that step:
    // recomputed here from the session directly.
    void logprobsAreTheModelsOwn()
    {
        const auto& model = m_model;
        const std::vector<int32_t> prompt = model->tokenizer().encode("Once upon a time", true, false);
        hearth::SamplingParams params;
        params.temperature = 0.8f;
        params.seed = 5;
        hearth::Sampler sampler(params);
        hearth::GenerateOptions options;
        options.max_tokens = 6;
        options.top_logprobs = 3;
        options.ignore_end_of_generation = true;
        const auto session = model->create_session({256, 64});
        const hearth::GenerateResult result =
            hearth::generate(*session, *model, sampler, prompt, options, {});
        QCOMPARE(result.logprobs.size(), result.tokens.size());

        const auto check = model->create_session({256, 64});
        std::span<const float> logits = check->evaluate(prompt);
        for (size_t i = 0; i < result.tokens.size(); ++i) {
            const hearth::TokenLogprob& entry = result.logprobs[i];
            QCOMPARE(entry.token, result.tokens[i]);
            double sum = 0;
            for (float l : logits)
                sum += std::exp(double(l));
            const double expected = double(logits[size_t(entry.token)]) - std::log(sum);
            QVERIFY2(std::abs(entry.logprob - expected) < 1e-4, QByteArray::number(entry.logprob - expected));
            QCOMPARE(entry.top.size(), size_t(3));
            for (size_t k = 0; k < entry.top.size(); ++k) {
                QVERIFY(entry.top[k].second <= 0.0f);
                if (k > 0)
                    QVERIFY(entry.top[k].second <= entry.top[k - 1].second);
                const double top = double(logits[size_t(entry.top[k].first)]) - std::log(sum);
                QVERIFY(std::abs(entry.top[k].second - top) < 1e-4);
            }
            QVERIFY(entry.top[0].second >= entry.logprob);
            logits = check->append(std::span<const int32_t>(&entry.token, 1));
        }
    }

    // Scoring: forcing the tokens a sampled answer produced gives back that answer and the very
    // log-probabilities it had, whatever the sampler would do now.
    void forcedTokensAreScoredNotSampled()
    {
        const auto& model = m_model;
        const std::vector<int32_t> prompt = model->tokenizer().encode("Once upon a time", true, false);
        hearth::SamplingParams params;
        params.temperature = 1.0f;
        params.seed = 11;
        hearth::GenerateOptions options;
        options.max_tokens = 8;
        options.top_logprobs = 0;
        options.ignore_end_of_generation = true;
        hearth::Sampler sampler(params);
        const auto session = model->create_session({256, 64});
        const hearth::GenerateResult sampled =
            hearth::generate(*session, *model, sampler, prompt, options, {});

        hearth::GenerateOptions scoring;
        scoring.forced_tokens = sampled.tokens;
        scoring.max_tokens = 1000; // the forced tokens set the length
        hearth::SamplingParams greedy;
        greedy.temperature = 0; // would pick other tokens if it were asked
        hearth::Sampler unused(greedy);
        const auto fresh = model->create_session({256, 64});
        const hearth::GenerateResult scored = hearth::generate(*fresh, *model, unused, prompt, scoring, {});
        QVERIFY(scored.tokens == sampled.tokens);
        QCOMPARE(scored.logprobs.size(), sampled.logprobs.size());
        for (size_t i = 0; i < scored.logprobs.size(); ++i)
            QVERIFY(std::abs(scored.logprobs[i].logprob - sampled.logprobs[i].logprob) < 1e-5);

        scoring.forced_tokens = {int32_t(model->vocab_size())};
        QVERIFY_THROWS_EXCEPTION(hearth::Error,
                                 hearth::generate(*fresh, *model, unused, prompt, scoring, {}));
    }
};

QTEST_GUILESS_MAIN(TestJsonMode)
#include "tst_json_mode.moc"
