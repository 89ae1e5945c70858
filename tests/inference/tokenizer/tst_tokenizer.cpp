// Tokenizers against the real vocabularies in testdata/vocab (ids an independent implementation
// produced), the prompts of the recorded model runs, round-trip and streaming properties, and
// hearth-cli tokenize on every GGUF file in the test data.
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/tokenizer.h"
#include "testdata.h"
#include "text/pretokenizer.h"

#include <map>
#include <memory>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <random>

using hearth::Tokenizer;
using hearth::TokenizerData;
using hearth::TokenType;

namespace {

const std::string kSpace = "\xE2\x96\x81"; // U+2581

std::vector<int32_t> parseIds(const QByteArray& line)
{
    std::vector<int32_t> ids;
    for (const QByteArray& part : line.split(' '))
        if (!part.isEmpty())
            ids.push_back(part.toInt());
    return ids;
}

QString idsText(const std::vector<int32_t>& ids)
{
    QStringList parts;
    for (int32_t id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(' '));
}

// Random text: characters from several scripts, whitespace runs, emoji and combining marks; with
// `invalid`, random bytes mixed in too.
std::string randomText(std::mt19937& rng, size_t characters, bool invalid,
                       const std::vector<bool>& avoidBytes = {})
{
    static const std::pair<uint32_t, uint32_t> ranges[] = {
        {0x20, 0x7E},     {0x20, 0x7E},       {0x20, 0x7E},       {'\n', '\n'},   {'\t', '\t'},
        {0xA0, 0x24F},    {0x300, 0x36F},     {0x370, 0x4FF},     {0x600, 0x6FF}, {0x4E00, 0x9FFF},
        {0xAC00, 0xD7A3}, {0x1F300, 0x1FAFF}, {0x10000, 0x10FFF},
    };
    std::string text;
    for (size_t i = 0; i < characters; ++i) {
        if (invalid && rng() % 4 == 0) {
            unsigned char byte;
            do
                byte = static_cast<unsigned char>(rng() % 256);
            while (!avoidBytes.empty() && avoidBytes[byte]);
            text += static_cast<char>(byte);
            continue;
        }
        const auto& [lo, hi] = ranges[rng() % std::size(ranges)];
        const uint32_t cp = lo + rng() % (hi - lo + 1);
        const size_t before = text.size();
        if (cp < 0x80) {
            text += static_cast<char>(cp);
        } else if (cp < 0x800) {
            text += static_cast<char>(0xC0 | cp >> 6);
            text += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            text += static_cast<char>(0xE0 | cp >> 12);
            text += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
            text += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            text += static_cast<char>(0xF0 | cp >> 18);
            text += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
            text += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
            text += static_cast<char>(0x80 | (cp & 0x3F));
        }
        if (!avoidBytes.empty() && std::any_of(text.begin() + before, text.end(), [&](char c) {
                return avoidBytes[static_cast<unsigned char>(c)];
            }))
            text.resize(before);
    }
    return text;
}

// A small SentencePiece vocabulary: control tokens, the 256 byte tokens, then scored pieces.
TokenizerData spmData(const std::vector<std::pair<std::string, float>>& pieces)
{
    TokenizerData data;
    data.model = "llama";
    data.tokens = {"<unk>", "<s>", "</s>"};
    data.token_types = {2, 3, 3};
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        data.tokens.push_back(name);
        data.token_types.push_back(6);
    }
    for (const auto& [text, score] : pieces) {
        data.tokens.push_back(text);
        data.token_types.push_back(1);
    }
    data.scores.assign(data.tokens.size(), 0.0f);
    for (size_t i = 0; i < pieces.size(); ++i)
        data.scores[259 + i] = pieces[i].second;
    data.unknown = 0;
    data.bos = 1;
    data.eos = 2;
    return data;
}

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

    std::map<QString, std::unique_ptr<Tokenizer>> m_tokenizers;

    const Tokenizer& tokenizer(const QString& relative)
    {
        auto& slot = m_tokenizers[relative];
        if (!slot) {
            const hearth::GgufFile file = hearth::GgufFile::open(testdataPath(relative).toStdString());
            slot = std::make_unique<Tokenizer>(Tokenizer::from_gguf(file));
        }
        return *slot;
    }

    static QStringList vocabNames()
    {
        QStringList names;
        const QStringList inputs =
            QDir(testdataPath(QStringLiteral("vocab")))
                .entryList({QStringLiteral("ggml-vocab-*.gguf.inp")}, QDir::Files, QDir::Name);
        for (const QString& input : inputs)
            names << input.chopped(4); // the .gguf it belongs to
        return names;
    }

    static void addVocabRows()
    {
        QTest::addColumn<QString>("vocab");
        for (const QString& name : vocabNames())
            QTest::newRow(qPrintable(name)) << QStringLiteral("vocab/") + name;
    }

  private slots:
    void initTestCase()
    {
        QVERIFY2(QDir(testdataPath(QStringLiteral("vocab"))).exists(),
                 qPrintable(testdataPath(QStringLiteral("vocab"))));
        QVERIFY(vocabNames().size() >= 10);
    }

    // Every .inp/.out pair of testdata/vocab: no BOS/EOS, special text not parsed.
    void vectors_data()
    {
        QTest::addColumn<QString>("vocab");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        for (const QString& name : vocabNames()) {
            QFile in(testdataPath(QStringLiteral("vocab/") + name + QStringLiteral(".inp")));
            QFile out(testdataPath(QStringLiteral("vocab/") + name + QStringLiteral(".out")));
            QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::ReadOnly));
            // Each input is followed by the separator line, the last one too (testdata README, section 3).
            const QByteArray separator = "\n__ggml_vocab_test__\n";
            QByteArray rest = in.readAll();
            QList<QByteArray> inputs;
            for (qsizetype at; (at = rest.indexOf(separator)) >= 0; rest = rest.mid(at + separator.size()))
                inputs << rest.left(at);
            const QList<QByteArray> lines = out.readAll().split('\n');
            QVERIFY(lines.size() >= inputs.size());
            for (qsizetype i = 0; i < inputs.size(); ++i)
                QTest::addRow("%s/%lld", qPrintable(name.mid(11).chopped(5)), static_cast<long long>(i))
                    << QStringLiteral("vocab/") + name << inputs[i] << lines[i];
        }
    }
    void vectors()
    {
        QFETCH(QString, vocab);
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        const Tokenizer& t = tokenizer(vocab);
        const std::vector<int32_t> ids = t.encode(text.toStdString(), false, false);
        QCOMPARE(idsText(ids), idsText(parseIds(expected)));
    }

    // Prompt ids of the recorded llama.cpp runs (BOS added because the metadata asks for it).
    void modelPrompts_data()
    {
        QTest::addColumn<QString>("json");
        const QStringList files =
            QDir(testdataPath(QStringLiteral("expected"))).entryList({QStringLiteral("*.json")});
        QVERIFY(!files.isEmpty());
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << testdataPath(QStringLiteral("expected/") + file);
        const QStringList quant =
            QDir(testdataPath(QStringLiteral("quant"))).entryList({QStringLiteral("*.expected.json")});
        if (!quant.isEmpty())
            QTest::newRow(qPrintable(quant.first()))
                << testdataPath(QStringLiteral("quant/") + quant.first());
    }
    void modelPrompts()
    {
        QFETCH(QString, json);
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        QString model = o.value(QStringLiteral("model")).toString();
        if (model.isEmpty()) // quant/m-TYPE.expected.json belongs to m-TYPE.gguf
            model =
                QFileInfo(json).fileName().replace(QStringLiteral(".expected.json"), QStringLiteral(".gguf"));
        const QString folder =
            QFileInfo(json).dir().dirName() == QLatin1String("quant") ? QStringLiteral("quant/") : QString();
        QString path = folder + model;
        if (!QFile::exists(testdataPath(path)))
            path =
                model.startsWith(QLatin1String("tiny")) ? QStringLiteral("llama-2-tiny-random.gguf") : path;
        QVERIFY2(QFile::exists(testdataPath(path)), qPrintable(path));
        std::vector<int32_t> expected;
        const QJsonArray prompt = o.value(QStringLiteral("prompt_tokens")).toArray();
        for (const QJsonValue& v : prompt)
            expected.push_back(v.toInt());
        QVERIFY(!expected.empty());
        const std::string text =
            o.value(QStringLiteral("prompt")).toString(QStringLiteral("Once upon a time")).toStdString();
        const Tokenizer& t = tokenizer(path);
        QCOMPARE(idsText(t.encode(text, true, false)), idsText(expected));
        QCOMPARE(t.decode(expected), text);
    }

    void addSpecialFollowsMetadata()
    {
        const Tokenizer& spm = tokenizer(QStringLiteral("vocab/ggml-vocab-llama-spm.gguf"));
        QVERIFY(spm.add_bos());
        QVERIFY(!spm.add_eos());
        const std::vector<int32_t> with = spm.encode("Hello", true, false);
        const std::vector<int32_t> without = spm.encode("Hello", false, false);
        QCOMPARE(with.front(), spm.bos());
        QCOMPARE(std::vector<int32_t>(with.begin() + 1, with.end()), without);
        QCOMPARE(idsText(spm.encode("", true, false)), QString::number(spm.bos())); // BOS alone, as HF does

        const Tokenizer& gpt2 = tokenizer(QStringLiteral("vocab/ggml-vocab-gpt-2.gguf")); // no add_bos key
        QVERIFY(!gpt2.add_bos());
        QCOMPARE(gpt2.encode("Hello", true, false), gpt2.encode("Hello", false, false));
        const Tokenizer& coder =
            tokenizer(QStringLiteral("vocab/ggml-vocab-deepseek-coder.gguf")); // add_bos = true
        QVERIFY(coder.add_bos());
        QCOMPARE(coder.encode("Hello", true, false).front(), coder.bos());
    }

    // Control tokens are text unless parse_special; user-defined tokens always match.
    void specialTokens()
    {
        const Tokenizer& gpt2 = tokenizer(QStringLiteral("vocab/ggml-vocab-gpt-2.gguf"));
        const int32_t eot = gpt2.find_token("<|endoftext|>");
        QCOMPARE(gpt2.token_type(eot), TokenType::control);
        const std::string text = "Hi<|endoftext|>there";
        const std::vector<int32_t> parsed = gpt2.encode(text, false, true);
        const std::vector<int32_t> plain = gpt2.encode(text, false, false);
        QCOMPARE(std::count(parsed.begin(), parsed.end(), eot), 1);
        QCOMPARE(std::count(plain.begin(), plain.end(), eot), 0);
        QCOMPARE(gpt2.decode(plain), text);
        QCOMPARE(gpt2.decode(parsed), std::string("Hithere")); // control tokens are not text
        QCOMPARE(gpt2.decode(parsed, true), text);
        QCOMPARE(gpt2.token_piece(eot), std::string("<|endoftext|>"));

        const Tokenizer& spm = tokenizer(QStringLiteral("vocab/ggml-vocab-llama-spm.gguf"));
        const std::vector<int32_t> ids = spm.encode("<s>Hi</s>", false, true);
        QCOMPARE(ids.front(), spm.bos());
        QCOMPARE(ids.back(), spm.eos());
        const std::vector<int32_t> literal = spm.encode("<s>Hi", false, false);
        QCOMPARE(std::count(literal.begin(), literal.end(), spm.bos()), 0); // "<s>" as text is not BOS
        QCOMPARE(spm.decode(literal), std::string("<s>Hi"));
        // After a special token SentencePiece adds its dummy prefix again: "<s>Hi" == BOS + "Hi".
        QCOMPARE(idsText(spm.encode("<s>Hi", false, true)), idsText(spm.encode("Hi", true, false)));

        const Tokenizer& mpt =
            tokenizer(QStringLiteral("vocab/ggml-vocab-mpt.gguf")); // space runs are added tokens
        const std::string spaces(24, ' ');
        const int32_t run = mpt.find_token(spaces);
        QCOMPARE(mpt.token_type(run), TokenType::user_defined);
        QCOMPARE(idsText(mpt.encode("a" + spaces + "b", false, false)).count(QString::number(run)), 1);
    }

    void endOfGeneration()
    {
        const Tokenizer& spm = tokenizer(QStringLiteral("vocab/ggml-vocab-llama-spm.gguf"));
        QVERIFY(spm.is_eog(spm.eos()));
        QVERIFY(!spm.is_eog(spm.bos()));
        QVERIFY(!spm.is_eog(-1));
        QVERIFY(!spm.is_eog(static_cast<int32_t>(spm.vocab_size())));
        const Tokenizer& phi3 = tokenizer(QStringLiteral("vocab/ggml-vocab-phi-3.gguf"));
        const int32_t end = phi3.find_token("<|end|>");
        QVERIFY(end >= 0);
        QVERIFY(phi3.is_eog(end));
        QCOMPARE(phi3.eot(), end);
        QVERIFY(phi3.is_eog(phi3.eos()));
        QVERIFY(!phi3.is_eog(phi3.find_token("<|user|>")));

        TokenizerData data = spmData({{kSpace + "a", -1}});
        data.tokens.push_back("<|im_end|>");
        data.token_types.push_back(3);
        data.scores.push_back(0);
        data.eog = {3};
        const Tokenizer chatml(data);
        QVERIFY(chatml.is_eog(chatml.find_token("<|im_end|>")));
        QVERIFY(chatml.is_eog(3));
    }

    // Every pre-tokenizer the issue names is known; an unknown one falls back with a warning.
    void preTokenizers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("longestDigitRun"); // digits in one word at most
        for (const char* name :
             {"llama-bpe", "deepseek-r1-qwen", "qwen2", "smollm", "deepseek-llm", "phi-2", "default", "gpt-2",
              "deepseek-coder", "falcon", "mpt", "refact", "starcoder"}) {
            const std::string n = name;
            const int run = n == "qwen2" || n == "deepseek-r1-qwen" || n == "smollm" ||
                                    n == "deepseek-coder" || n == "refact" || n == "starcoder"
                                ? 1
                            : n == "llama-bpe" || n == "default" || n == "falcon" ? 3
                                                                                  : 9;
            QTest::newRow(name) << QString::fromLatin1(name) << run;
        }
    }
    void preTokenizers()
    {
        QFETCH(QString, name);
        QFETCH(int, longestDigitRun);
        const hearth::GgufFile file =
            hearth::GgufFile::open(testdataPath(QStringLiteral("vocab/ggml-vocab-gpt-2.gguf")).toStdString());
        TokenizerData data = hearth::read_tokenizer_data(file);
        data.pre = name.toStdString();
        const Tokenizer t(data);
        QVERIFY2(t.warnings().empty(), t.warnings().empty() ? "" : t.warnings().front().c_str());
        QCOMPARE(QString::fromStdString(t.pre_tokenizer()), name);
        const std::string text = "Call 123456789 now, it's   3 o'clock!\n\n  Ünïcödé 你好 🙂";
        const std::vector<int32_t> ids = t.encode(text, false, false);
        QCOMPARE(t.decode(ids), text);
        int longest = 0;
        for (int32_t id : ids) {
            const std::string piece = t.token_piece(id);
            longest = std::max<int>(longest,
                                    static_cast<int>(std::count_if(piece.begin(), piece.end(), ::isdigit)));
        }
        QVERIFY2(longest <= longestDigitRun, qPrintable(QString::number(longest)));
    }
    // Word splits worked out by hand from each expression (first alternative that matches wins).
    void preTokenizerSplits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("words");
        const QStringList start{"Hello", " world", "'s"};
        QTest::newRow("llama-bpe") << "llama-bpe"
                                   << start + QStringList{" ", " ", "123", "456", " !!\n\n", " ", " x"};
        QTest::newRow("qwen2") << "qwen2" << start + QStringList{" ", " ", "1",       "2", "3", "4",
                                                                 "5", "6", " !!\n\n", " ", " x"};
        QTest::newRow("gpt-2") << "gpt-2" << start + QStringList{" ", " 123456", " !!", "\n\n ", " x"};
        QTest::newRow("gpt-4o") << "gpt-4o" << QStringList{"Hello", " world's", " ", " ", "123",
                                                           "456",   " !!\n\n",  " ", " x"};
        QTest::newRow("tekken") << "tekken" << start + QStringList{" ", " ", "1",       "2", "3", "4",
                                                                   "5", "6", " !!\n\n", " ", " x"};
        // Digits are isolated first, so the two spaces end a piece and stay together.
        QTest::newRow("starcoder") << "starcoder" << start + QStringList{"  ", "1", "2",   "3",     "4",
                                                                         "5",  "6", " !!", "\n\n ", " x"};
    }
    void preTokenizerSplits()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, words);
        std::vector<std::string> warnings;
        const hearth::PreTokenizer pre(name.toStdString(), warnings);
        QVERIFY(warnings.empty());
        std::vector<std::string_view> got;
        pre.split("Hello world's  123456 !!\n\n  x", got);
        if (name == QLatin1String("gpt-4o") || name == QLatin1String("tekken")) {
            pre.split("HelloWORLDFoo", got); // cased words
            words << QStringLiteral("Hello") << QStringLiteral("WORLDFoo");
        }
        QStringList gotWords;
        for (std::string_view w : got)
            gotWords << QString::fromUtf8(w.data(), static_cast<qsizetype>(w.size()));
        QCOMPARE(gotWords, words);
    }

    // The reference generation of stories260K decodes to llama2.c's text, whole or streamed.
    void decodeReferenceGeneration()
    {
        QFile tokensFile(testdataPath(QStringLiteral("stories260K.greedy200.tokens.txt")));
        QFile textFile(testdataPath(QStringLiteral("stories260K.greedy200.expected.txt")));
        QVERIFY(tokensFile.open(QIODevice::ReadOnly) && textFile.open(QIODevice::ReadOnly));
        const Tokenizer& t = tokenizer(QStringLiteral("stories260K.gguf"));
        std::vector<int32_t> ids{t.bos()};
        const std::vector<int32_t> generated = parseIds(tokensFile.readAll().trimmed());
        ids.insert(ids.end(), generated.begin(), generated.end());
        QCOMPARE(generated.size(), size_t(200));
        const std::string expected = textFile.readAll().toStdString();
        QCOMPARE(t.decode(ids), expected);
        hearth::TextStream stream(t);
        std::string streamed;
        for (int32_t id : ids)
            streamed += stream.push(id);
        QCOMPARE(streamed + stream.finish(), expected);
    }

    void unknownPreTokenizerFallsBack()
    {
        const hearth::GgufFile file =
            hearth::GgufFile::open(testdataPath(QStringLiteral("vocab/ggml-vocab-gpt-2.gguf")).toStdString());
        TokenizerData data = hearth::read_tokenizer_data(file);
        data.pre = "no-such-pre-tokenizer";
        const Tokenizer t(data);
        QCOMPARE(t.pre_tokenizer(), std::string("default"));
        QCOMPARE(t.warnings().size(), size_t(1));
        QVERIFY(t.warnings().front().find("no-such-pre-tokenizer") != std::string::npos);
        QCOMPARE(t.decode(t.encode("still works", false, false)), std::string("still works"));
    }

    // A tokenizer built from plain data: SentencePiece merges by score, falls back to bytes.
    void sentencePieceScores_data()
    {
        QTest::addColumn<float>("abScore");
        QTest::addColumn<float>("bcScore");
        QTest::addColumn<QStringList>("pieces");
        QTest::newRow("bc wins") << -2.0f << -1.0f << QStringList{"a", "bc"};
        QTest::newRow("ab wins") << -1.0f << -2.0f << QStringList{"ab", "c"};
        QTest::newRow("tie: leftmost") << -1.0f << -1.0f << QStringList{"ab", "c"};
    }
    void sentencePieceScores()
    {
        QFETCH(float, abScore);
        QFETCH(float, bcScore);
        QFETCH(QStringList, pieces);
        TokenizerData data = spmData({{"a", -5}, {"b", -5}, {"c", -5}, {"ab", abScore}, {"bc", bcScore}});
        data.add_space_prefix = false;
        const Tokenizer t(data);
        QStringList got;
        for (int32_t id : t.encode("abc", false, false))
            got << QString::fromStdString(t.token_piece(id));
        QCOMPARE(got, pieces);
    }
    void sentencePieceByteFallback()
    {
        const Tokenizer t(spmData({{kSpace, -1}, {"a", -2}}));
        const std::vector<int32_t> ids = t.encode("a\xC3\xA9", false, false); // é is not in the vocabulary
        QCOMPARE(ids.size(), size_t(4));                                      // ▁ a <0xC3> <0xA9>
        QCOMPARE(t.token_type(ids[2]), TokenType::byte);
        QCOMPARE(t.token_piece(ids[2]), std::string("\xC3"));
        QCOMPARE(t.decode(ids), std::string("a\xC3\xA9"));
    }
    void bytePairMergeOrder()
    {
        TokenizerData data;
        data.model = "gpt2";
        data.pre = "gpt-2";
        for (char c : std::string("helo"))
            data.tokens.push_back(std::string(1, c));
        data.tokens.insert(data.tokens.end(), {"he", "ll", "hell", "hello", "el", "llo"});
        data.merges = {"l l", "h e", "he ll", "hell o", "e l", "ll o"};
        const Tokenizer t(data);
        QCOMPARE(idsText(t.encode("hello", false, false)), QString::number(t.find_token("hello")));
        data.merges = {"l l", "ll o", "h e", "he ll", "hell o"}; // "ll o" now comes before "he ll"
        const Tokenizer t2(data);
        QCOMPARE(idsText(t2.encode("hello", false, false)),
                 QStringLiteral("%1 %2").arg(t2.find_token("he")).arg(t2.find_token("llo")));
    }

    void rejectsBadData()
    {
        TokenizerData data = spmData({});
        data.model = "rwkv";
        QVERIFY_THROWS_EXCEPTION(hearth::Error, Tokenizer{data});
        data = spmData({});
        data.scores.pop_back();
        QVERIFY_THROWS_EXCEPTION(hearth::Error, Tokenizer{data});
        data = spmData({});
        data.bos = 1 << 30; // ignored with a warning
        const Tokenizer t(data);
        QCOMPARE(t.bos(), -1);
        QVERIFY(!t.warnings().empty());
        QVERIFY_THROWS_EXCEPTION(hearth::Error, t.token_piece(-1));
        // Hostile vocabularies still tokenize: NaN scores, unknown token types, empty tokens.
        data = spmData({{kSpace, -2},
                        {"a", std::numeric_limits<float>::quiet_NaN()},
                        {"b", -1},
                        {"ab", std::nanf("")},
                        {"", -1}});
        data.token_types[3] = 77;
        const Tokenizer hostile(data);
        QCOMPARE(hostile.decode(hostile.encode("abab a", true, true)), std::string("abab a"));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, t.decode(std::vector<int32_t>{1 << 30}));
    }

    // decode(encode(x)) == x for random text, valid or not.
    void roundTrip_data() { addVocabRows(); }
    void roundTrip()
    {
        QFETCH(QString, vocab);
        const Tokenizer& t = tokenizer(vocab);
        if (t.model() == "bert")
            QSKIP("WordPiece lowercases and drops accents: it does not round-trip");
        // Some byte-level vocabularies cannot spell every byte: Falcon has no token for a few
        // control bytes, most lack C0/C1/F5-FF (never in UTF-8), and DeepSeek's only token for such a
        // byte is a user-defined one ("õ" for 0xF5) that decodes as its text. Text containing those
        // bytes cannot come back; everything else must.
        std::vector<bool> avoid(256, false);
        QStringList unspellable;
        for (int b = 0; b < 256; ++b) {
            const std::string byte(1, static_cast<char>(b));
            avoid[b] = t.decode(t.encode(byte, false, false)) != byte;
            if (avoid[b])
                unspellable << QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0'));
        }
        if (!unspellable.isEmpty())
            qInfo("%s cannot spell the bytes %s", qPrintable(vocab),
                  qPrintable(unspellable.join(QLatin1Char(' '))));
        QVERIFY(unspellable.size() <= 32);
        QVERIFY(!avoid['a'] && !avoid[' '] && !avoid['\n']);
        std::mt19937 rng(1234);
        for (int i = 0; i < 60; ++i) {
            const bool invalid = i % 2 == 1;
            const std::string text = randomText(rng, 1 + rng() % 80, invalid, avoid);
            const std::vector<int32_t> ids = t.encode(text, false, false);
            for (int32_t id : ids)
                QVERIFY(id >= 0 && static_cast<size_t>(id) < t.vocab_size());
            const std::string back = t.decode(ids);
            if (back != text)
                QFAIL(qPrintable(QStringLiteral("round trip failed for %1")
                                     .arg(QString::fromLatin1(QByteArray::fromStdString(text).toHex(' ')))));
            // With BOS and special-token parsing on as well, nothing crashes and ids stay in range.
            for (int32_t id : t.encode(text, true, true))
                QVERIFY(id >= 0 && static_cast<size_t>(id) < t.vocab_size());
        }
    }

    void utf8Assembler_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ascii") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("cjk") << QByteArray("\xE4\xBD\xA0\xE5\xA5\xBD")
                             << QByteArray("\xE4\xBD\xA0\xE5\xA5\xBD");
        QTest::newRow("emoji") << QByteArray("\xF0\x9F\x99\x82!") << QByteArray("\xF0\x9F\x99\x82!");
        QTest::newRow("lone continuation") << QByteArray("a\x80"
                                                         "b")
                                           << QByteArray("a\xEF\xBF\xBD"
                                                         "b");
        QTest::newRow("cut lead") << QByteArray("\xE4\xBD"
                                                "a")
                                  << QByteArray("\xEF\xBF\xBD"
                                                "a");
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD");
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80")
                                   << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
        QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80")
                                       << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
        QTest::newRow("unfinished at end") << QByteArray("ok\xF0\x9F") << QByteArray("ok\xEF\xBF\xBD");
    }
    void utf8Assembler()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        // Byte by byte and all at once give the same text, and every chunk is valid on its own.
        for (bool byteByByte : {true, false}) {
            hearth::Utf8Assembler assembler;
            std::string out;
            const std::string bytes = input.toStdString();
            for (size_t i = 0; i < bytes.size(); i += byteByByte ? 1 : bytes.size()) {
                const std::string chunk =
                    assembler.push(std::string_view(bytes).substr(i, byteByByte ? 1 : bytes.size()));
                QVERIFY(hearth::is_valid_utf8(chunk));
                out += chunk;
            }
            out += assembler.finish();
            QCOMPARE(QByteArray::fromStdString(out), expected);
        }
    }

    // The streaming detokenizer never emits broken UTF-8 and adds up to decode().
    void textStream_data() { addVocabRows(); }
    void textStream()
    {
        QFETCH(QString, vocab);
        const Tokenizer& t = tokenizer(vocab);
        std::mt19937 rng(99);
        for (int round = 0; round < 20; ++round) {
            std::vector<int32_t> ids;
            if (round % 2) {
                for (int i = 0; i < 40; ++i)
                    ids.push_back(static_cast<int32_t>(rng() % t.vocab_size()));
            } else {
                ids = t.encode(randomText(rng, 40, true), true, false);
            }
            hearth::TextStream stream(t);
            std::string streamed;
            for (int32_t id : ids) {
                const std::string piece = stream.push(id);
                QVERIFY(hearth::is_valid_utf8(piece));
                streamed += piece;
            }
            streamed += stream.finish();
            hearth::Utf8Assembler whole;
            const std::string expected = whole.push(t.decode(ids)) + whole.finish();
            QCOMPARE(streamed, expected);
        }
    }
    void textStreamHoldsSplitCharacter()
    {
        const Tokenizer& t = tokenizer(QStringLiteral("vocab/ggml-vocab-llama-spm.gguf"));
        const std::string text = "\xF0\x9D\x94\x98"; // U+1D518, spelled with four byte tokens
        const std::vector<int32_t> ids = t.encode(text, true, false);
        QVERIFY(ids.size() >= 5);
        hearth::TextStream stream(t);
        std::string out;
        for (size_t i = 0; i + 1 < ids.size(); ++i)
            out += stream.push(ids[i]);
        QCOMPARE(out, std::string()); // BOS, the dummy space and three bytes: nothing to show yet
        QCOMPARE(stream.push(ids.back()), text);
    }

    // Throughput, reported rather than asserted tightly: a megabyte must take well under a second.
    void throughput_data() { addVocabRows(); }
    void throughput()
    {
        QFETCH(QString, vocab);
        const Tokenizer& t = tokenizer(vocab);
        std::mt19937 rng(7);
        std::string text;
        const char* words[] = {"the",   "quick",  "brown",     "fox",  "jumps", "over", "lazy",
                               "dog",   "Hearth", "tokenizer", "Once", "upon",  "a",    "time",
                               "there", "was",    "little",    "girl", "named", "Lily"};
        while (text.size() < (1u << 20)) {
            text += words[rng() % std::size(words)];
            text += rng() % 12 == 0 ? ".\n" : rng() % 9 == 0 ? ", " : " ";
            if (rng() % 50 == 0)
                text += std::to_string(rng() % 100000) + " \xC3\xA9t\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD ";
        }
        QElapsedTimer timer;
        timer.start();
        const std::vector<int32_t> ids = t.encode(text, false, false);
        const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) * 1e-9;
        qInfo("%s: %.2f MB/s (%zu bytes -> %zu tokens in %.0f ms)", qPrintable(vocab),
              text.size() / seconds / 1e6, text.size(), ids.size(), seconds * 1000);
        QVERIFY(!ids.empty());
        QVERIFY2(seconds < 2.0, "a megabyte of text took more than two seconds"); // generous: shared CI cores
    }

    // hearth-cli tokenize works on every GGUF file in the test data and agrees with the library.
    void cli_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(testdataDir(), {QStringLiteral("*.gguf")}, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << QDir(testdataDir()).relativeFilePath(it.next());
        files.sort();
        QVERIFY(files.size() >= 12);
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << file;
    }
    void cli()
    {
        QFETCH(QString, file);
        const QString text = QStringLiteral("Hello world! Ünïcödé 你好 <|im_end|>");
        QProcess cli;
        cli.start(hearthCli(), {QStringLiteral("tokenize"), QStringLiteral("-m"), testdataPath(file),
                                QStringLiteral("--json"), text});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject o = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        const QJsonArray ids = o.value(QStringLiteral("ids")).toArray();
        const QJsonArray pieces = o.value(QStringLiteral("pieces")).toArray();
        const Tokenizer& t = tokenizer(file);
        const std::vector<int32_t> expected = t.encode(text.toStdString(), true, false);
        QCOMPARE(ids.size(), qsizetype(expected.size()));
        QCOMPARE(pieces.size(), ids.size());
        for (qsizetype i = 0; i < ids.size(); ++i) {
            QCOMPARE(ids[i].toInt(), expected[i]);
            if (pieces[i].isString())
                QCOMPARE(pieces[i].toString().toStdString(), t.token_piece(expected[i]));
        }
    }
    void cliOptions()
    {
        const QString model = testdataPath(QStringLiteral("stories260K.gguf"));
        auto run = [&](const QStringList& args) {
            QProcess cli;
            cli.start(hearthCli(),
                      QStringList{QStringLiteral("tokenize"), QStringLiteral("-m"), model} + args);
            cli.waitForFinished(30000);
            return std::pair{cli.exitCode(), QString::fromUtf8(cli.readAllStandardOutput())};
        };
        const auto [code, plain] = run({QStringLiteral("Once upon a time")});
        QCOMPARE(code, 0);
        QCOMPARE(plain.split(QLatin1Char('\n'), Qt::SkipEmptyParts).first(), QStringLiteral("1\t<s>"));
        const auto [code2, noBos] =
            run({QStringLiteral("--no-bos"), QStringLiteral("--json"), QStringLiteral("Once upon a time")});
        QCOMPARE(code2, 0);
        QCOMPARE(QJsonDocument::fromJson(noBos.toUtf8())
                     .object()
                     .value(QStringLiteral("ids"))
                     .toArray()
                     .first()
                     .toInt(),
                 403);
        const auto [code3, special] =
            run({QStringLiteral("--special"), QStringLiteral("--json"), QStringLiteral("</s>")});
        QCOMPARE(code3, 0);
        QCOMPARE(QJsonDocument::fromJson(special.toUtf8())
                     .object()
                     .value(QStringLiteral("ids"))
                     .toArray()
                     .last()
                     .toInt(),
                 2);
        const auto [code4, bench] = run({QStringLiteral("--bench"), QStringLiteral("Once upon a time")});
        QCOMPARE(code4, 0);
        QVERIFY(bench.contains(QLatin1String("MB/s")));
        QCOMPARE(run({QStringLiteral("--help")}).first, 0);
        QProcess missing;
        missing.start(hearthCli(), {QStringLiteral("tokenize"), QStringLiteral("-m"),
                                    QStringLiteral("/no/such.gguf"), QStringLiteral("x")});
        missing.waitForFinished(30000);
        QVERIFY(missing.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
