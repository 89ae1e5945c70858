// hearth-cli info, run as a user would, on every .gguf in testdata; the expected facts are the
// ones testdata/README.md states for each file.
#include "cli_run.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

// "q4_K:13,q6_K:3,f32:5" from the JSON weight_types, in the order printed.
QString typeMix(const QJsonObject& o)
{
    QStringList parts;
    for (const QJsonValue& v : o["weight_types"].toArray())
        parts << v["type"].toString() + ":" + QString::number(v["tensors"].toInt());
    return parts.join(',');
}

} // namespace

class TestInfo : public QObject {
    Q_OBJECT

  private slots:
    void facts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("tensors");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<QString>("mix");
        QTest::addColumn<QString>("tokenizer"); // model/pre
        QTest::addColumn<int>("vocabulary");
        QTest::addColumn<QList<int>>("shape"); // context, layers, embedding, heads, kv heads, ffn
        QTest::addColumn<QString>("bosEos");
        QTest::addColumn<bool>("chatTemplate");

        QTest::newRow("stories260K") << "stories260K.gguf"
                                     << "llama" << 48 << 292800LL << "f32:48"
                                     << "llama/" << 512 << QList<int>{2048, 5, 64, 8, 4, 172} << "1/2"
                                     << false;
        QTest::newRow("llama-2-tiny-random")
            << "llama-2-tiny-random.gguf"
            << "llama" << 12 << 513048LL << "f16:9,f32:3"
            << "llama/" << 32000 << QList<int>{4096, 1, 8, 2, 2, 32} << "1/2" << false;
        const struct {
            const char* name;
            const char* arch;
            const char* tokenizer;
            int vocabulary;
        } vocabs[] = {{"llama-spm", "llama", "llama/default", 32000},
                      {"phi-3", "phi3", "llama/default", 32064},
                      {"gpt-2", "gpt2", "gpt2/gpt-2", 50257},
                      {"bert-bge", "bert", "bert/bert-bge", 30522},
                      {"deepseek-coder", "llama", "gpt2/deepseek-coder", 32256},
                      {"deepseek-llm", "llama", "gpt2/deepseek-llm", 102400},
                      {"falcon", "falcon", "gpt2/falcon", 65024},
                      {"mpt", "mpt", "gpt2/mpt", 50432},
                      {"refact", "refact", "gpt2/refact", 49216},
                      {"starcoder", "starcoder2", "gpt2/starcoder", 49152}};
        for (const auto& v : vocabs)
            QTest::newRow(v.name) << QString("vocab/ggml-vocab-%1.gguf").arg(v.name) << v.arch << 0 << 0LL
                                  << "" << v.tokenizer << v.vocabulary << QList<int>{} << ""
                                  << (QString(v.name) == "phi-3");
        // testdata/quant: embedding 256, 2 layers, 4 heads, 2 KV heads, FFN 512, 512 tokens; the mix
        // of formats is what README §5 lists per file (norms stay f32).
        const QList<int> quantShape{512, 2, 256, 4, 2, 512};
        const struct {
            const char* name;
            const char* mix;
        } quants[] = {{"f32", "f32:21"},
                      {"f16", "f16:16,f32:5"},
                      {"bf16", "bf16:16,f32:5"},
                      {"q8_0", "q8_0:16,f32:5"},
                      {"q6_k", "q6_K:16,f32:5"},
                      {"q4_0", "q4_0:15,q6_K:1,f32:5"},
                      {"q4_1", "q4_1:15,q6_K:1,f32:5"},
                      {"q5_0", "q5_0:15,q6_K:1,f32:5"},
                      {"q5_1", "q5_1:15,q6_K:1,f32:5"},
                      {"iq4_nl", "iq4_nl:15,q6_K:1,f32:5"},
                      {"iq4_xs", "iq4_xs:15,q6_K:1,f32:5"},
                      {"q4_k_m", "q4_K:13,q6_K:3,f32:5"},
                      {"q5_k_m", "q5_K:13,q6_K:3,f32:5"},
                      {"q3_k_m", "q3_K:9,q4_K:4,q6_K:1,q5_K:2,f32:5"},
                      {"q2_k", "q2_K:9,q3_K:6,q6_K:1,f32:5"}};
        for (const auto& q : quants)
            QTest::newRow(qPrintable(QString("m-") + q.name))
                << QString("quant/m-%1.gguf").arg(q.name) << "llama" << 21 << 1443072LL << q.mix << "llama/"
                << 512 << quantShape << "1/2" << false;
    }

    void facts()
    {
        QFETCH(QString, file);
        QFETCH(QString, architecture);
        QFETCH(int, tensors);
        QFETCH(qint64, parameters);
        QFETCH(QString, mix);
        QFETCH(QString, tokenizer);
        QFETCH(int, vocabulary);
        QFETCH(QList<int>, shape);
        QFETCH(QString, bosEos);
        QFETCH(bool, chatTemplate);
        const QString path = testdataPath(file);
        if (!QFile::exists(path))
            QSKIP("testdata is missing");
        const CliRun run = runCli({"info", path, "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(o["file_size"].toInteger(), QFileInfo(path).size());
        QCOMPARE(o["gguf_version"].toInt(), 3);
        QCOMPARE(o["architecture"].toString(), architecture);
        QCOMPARE(o["tensor_count"].toInt(), tensors);
        QCOMPARE(o["parameters"].toInteger(), parameters);
        QCOMPARE(typeMix(o), mix);
        QCOMPARE(o["tokenizer_model"].toString() + "/" + o["tokenizer_pre"].toString(), tokenizer);
        QCOMPARE(o["vocabulary_size"].toInt(), vocabulary);
        if (!shape.isEmpty()) {
            QCOMPARE(o["context_length"].toInt(), shape[0]);
            QCOMPARE(o["block_count"].toInt(), shape[1]);
            QCOMPARE(o["embedding_length"].toInt(), shape[2]);
            QCOMPARE(o["head_count"].toInt(), shape[3]);
            QCOMPARE(o["head_count_kv"].toInt(), shape[4]);
            QCOMPARE(o["feed_forward_length"].toInt(), shape[5]);
        }
        if (!bosEos.isEmpty())
            QCOMPARE(QString("%1/%2").arg(o["bos_token_id"].toInt()).arg(o["eos_token_id"].toInt()), bosEos);
        QCOMPARE(o["chat_template"].toBool(), chatTemplate);
    }

    void textOutput()
    {
        const QString path = testdataPath("stories260K.gguf");
        if (!QFile::exists(path))
            QSKIP("testdata is missing");
        const CliRun run = runCli({"info", path, "--keys"});
        QCOMPARE(run.exitCode, 0);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY(out.contains(
            "size           1.1 MiB (1,185,376 bytes), GGUF v3, 48 tensors, 19 metadata keys\n"));
        QVERIFY(out.contains("parameters     293K (292,800)\n"));
        QVERIFY(out.contains("heads          8 (kv heads 4)\n"));
        QVERIFY(out.contains("rope           dimensions 8, base 10000 (default)\n"));
        QVERIFY(out.contains("  tokenizer.ggml.seperator_token_id (uint32) = 4294967295\n"));
        QVERIFY(
            out.contains("  tokenizer.ggml.tokens (array[string; 512]) = [\"<unk>\", \"<s>\", \"</s>\","));
    }

    void errors()
    {
        QCOMPARE(runCli({"info", "--help"}).exitCode, 0);
        const CliRun none = runCli({"info"});
        QCOMPARE(none.exitCode, 2);
        const CliRun missing = runCli({"info", "/nonexistent/model.gguf"});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(
            missing.err,
            QByteArray("hearth-cli info: cannot open /nonexistent/model.gguf: No such file or directory\n"));
        const CliRun notGguf = runCli({"info", testdataPath("stories260K.greedy200.expected.txt")});
        QCOMPARE(notGguf.exitCode, 1);
        QVERIFY(notGguf.err.contains("not a GGUF file"));
    }
};

QTEST_GUILESS_MAIN(TestInfo)
#include "tst_info.moc"
