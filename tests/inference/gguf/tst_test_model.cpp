// The test-model generator: real tensor names, shapes and metadata per architecture, the weight
// format mix per type, a usable BPE vocabulary, and the same bytes for the same seed.
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/test_model.h"
#include "hearth/tokenizer.h"

#include <cmath>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using hearth::GgufFile;
using hearth::TestModelOptions;
using hearth::WeightType;

namespace {

struct Generated {
    std::vector<uint8_t> bytes;
    GgufFile file;
};

Generated generate(const TestModelOptions& o)
{
    std::vector<uint8_t> bytes = hearth::make_test_model(o).to_bytes();
    GgufFile file = GgufFile::from_memory(bytes.data(), bytes.size(), "test.gguf");
    return {std::move(bytes), std::move(file)};
}

// Tensor names a layer of each architecture carries (after "blk.N.").
QStringList layerTensors(const QString& arch)
{
    QStringList names{"attn_norm.weight", "attn_output.weight", "ffn_norm.weight", "ffn_up.weight",
                      "ffn_down.weight"};
    if (arch == "phi3")
        names << "attn_qkv.weight";
    else
        names << "attn_q.weight"
              << "attn_k.weight"
              << "attn_v.weight"
              << "ffn_gate.weight";
    if (arch == "qwen2")
        names << "attn_q.bias"
              << "attn_k.bias"
              << "attn_v.bias";
    if (arch == "qwen3" || arch == "gemma3")
        names << "attn_q_norm.weight"
              << "attn_k_norm.weight";
    if (arch == "gemma2" || arch == "gemma3")
        names << "post_attention_norm.weight"
              << "post_ffw_norm.weight";
    return names;
}

} // namespace

class TestTestModel : public QObject {
    Q_OBJECT

  private slots:
    void shapesAndMetadata_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("type");
        for (const char* arch : {"llama", "qwen2", "qwen3", "gemma2", "gemma3", "phi3"})
            for (const char* type : {"f32", "q4_k_m"})
                QTest::addRow("%s-%s", arch, type) << QString(arch) << type;
        QTest::newRow("llama-f16") << "llama"
                                   << "f16";
        QTest::newRow("llama-q8_0") << "llama"
                                    << "q8_0";
        QTest::newRow("qwen2-q4_0") << "qwen2"
                                    << "q4_0";
        QTest::newRow("gemma2-q6_k") << "gemma2"
                                     << "q6_k";
    }

    void shapesAndMetadata()
    {
        QFETCH(QString, arch);
        QFETCH(QString, type);
        const TestModelOptions o{arch.toStdString(), "tiny", type.toStdString(), 7};
        const hearth::TestModelShape s = hearth::test_model_shape(o);
        const Generated g = generate(o);
        const GgufFile& f = g.file;
        const std::string a = o.architecture + ".";
        QCOMPARE(f.get<std::string>("general.architecture"), o.architecture);
        QCOMPARE(f.get<int64_t>(a + "embedding_length"), s.embedding);
        QCOMPARE(f.get<int64_t>(a + "block_count"), s.layers);
        QCOMPARE(f.get<int64_t>(a + "attention.head_count"), s.heads);
        QCOMPARE(f.get<int64_t>(a + "attention.head_count_kv"), s.kv_heads);
        QCOMPARE(f.get<int64_t>(a + "feed_forward_length"), s.feed_forward);
        QCOMPARE(f.get<int64_t>(a + "context_length"), s.context);
        QVERIFY(f.get<float>(a + "attention.layer_norm_rms_epsilon") > 0);
        QVERIFY(f.get<float>(a + "rope.freq_base") >= 10000.0f);
        QCOMPARE(s.embedding, int64_t(256));
        QCOMPARE(s.layers, int64_t(2));
        if (arch == "qwen3" || arch == "gemma2" || arch == "gemma3") {
            QCOMPARE(f.get<int64_t>(a + "attention.key_length"), int64_t(128));
            QCOMPARE(f.get<int64_t>(a + "attention.value_length"), int64_t(128));
        } else {
            QCOMPARE(s.head_dim, s.embedding / s.heads);
        }
        if (arch == "gemma2") {
            QCOMPARE(f.get<float>("gemma2.attn_logit_softcapping"), 50.0f);
            QCOMPARE(f.get<float>("gemma2.final_logit_softcapping"), 30.0f);
        }
        if (arch == "gemma2" || arch == "gemma3")
            QVERIFY(f.get<int64_t>(a + "attention.sliding_window") < s.context);
        if (arch == "llama" || arch == "phi3")
            QCOMPARE(f.get<int64_t>(a + "rope.dimension_count"), s.head_dim);

        // Exactly the expected tensors, with the expected shapes.
        QSet<QString> expected{"token_embd.weight", "output_norm.weight"};
        if (!s.tied_embeddings)
            expected << "output.weight";
        for (int i = 0; i < s.layers; ++i)
            for (const QString& n : layerTensors(arch))
                expected << QString("blk.%1.%2").arg(i).arg(n);
        QSet<QString> found;
        for (const hearth::GgufTensor& t : f.tensors())
            found << QString::fromStdString(t.name);
        QCOMPARE(found, expected);
        QCOMPARE(s.tied_embeddings, arch == "qwen2" || arch == "qwen3" || arch == "gemma2" || arch == "gemma3");
        const int64_t q = s.heads * s.head_dim, kv = s.kv_heads * s.head_dim;
        QCOMPARE(f.tensor("token_embd.weight").dims, (std::vector<int64_t>{s.embedding, s.vocabulary}));
        QCOMPARE(f.tensor("blk.1.attn_output.weight").dims, (std::vector<int64_t>{q, s.embedding}));
        QCOMPARE(f.tensor("blk.0.ffn_down.weight").dims, (std::vector<int64_t>{s.feed_forward, s.embedding}));
        if (arch == "phi3") {
            QCOMPARE(f.tensor("blk.0.attn_qkv.weight").dims, (std::vector<int64_t>{s.embedding, q + 2 * kv}));
            QCOMPARE(f.tensor("blk.0.ffn_up.weight").dims,
                     (std::vector<int64_t>{s.embedding, 2 * s.feed_forward}));
        } else {
            QCOMPARE(f.tensor("blk.0.attn_k.weight").dims, (std::vector<int64_t>{s.embedding, kv}));
            QCOMPARE(f.tensor("blk.0.ffn_gate.weight").dims,
                     (std::vector<int64_t>{s.embedding, s.feed_forward}));
        }
        if (arch == "qwen2")
            QCOMPARE(f.tensor("blk.0.attn_k.bias").dims, (std::vector<int64_t>{kv}));
        if (arch == "qwen3")
            QCOMPARE(f.tensor("blk.0.attn_q_norm.weight").dims, (std::vector<int64_t>{s.head_dim}));

        // Formats: 1-D tensors stay f32; matrices follow the type, q4_k_m mixes like llama.cpp.
        const hearth::GgufTensor& output =
            f.tensor(s.tied_embeddings ? "token_embd.weight" : "output.weight");
        for (const hearth::GgufTensor& t : f.tensors()) {
            const QString name = QString::fromStdString(t.name);
            WeightType want;
            if (t.dims.size() == 1 || type == "f32")
                want = WeightType::F32;
            else if (type == "f16")
                want = WeightType::F16;
            else if (type == "q8_0")
                want = WeightType::Q8_0;
            else if (type == "q6_k" || &t == &output)
                want = WeightType::Q6_K;
            else if (type == "q4_0")
                want = WeightType::Q4_0;
            else if (name.endsWith("attn_qkv.weight"))
                want = WeightType::Q5_K;
            else if (name.startsWith("blk.1.") &&
                     (name.endsWith("attn_v.weight") || name.endsWith("ffn_down.weight")))
                want = WeightType::Q6_K; // the last layer gets more bits
            else
                want = WeightType::Q4_K;
            QVERIFY2(t.type == want, qPrintable(name + ": " + hearth::weight_type_name(t.type)));
        }
        QCOMPARE(f.get<uint32_t>("general.file_type"), uint32_t(type == "f32"      ? 0
                                                                : type == "f16"    ? 1
                                                                : type == "q8_0"   ? 7
                                                                : type == "q4_0"   ? 2
                                                                : type == "q4_k_m" ? 15
                                                                                   : 18));

        // Weights: finite, matrices with standard deviation ~ 1/sqrt(row length), norms near 1.
        for (const hearth::GgufTensor& t : f.tensors()) {
            std::vector<float> v(size_t(t.elements()));
            const size_t stride = hearth::row_bytes(t.type, t.dims[0]);
            for (int64_t r = 0; r < t.rows(); ++r)
                hearth::dequantize_row(t.type, t.data + r * stride, v.data() + r * t.dims[0], t.dims[0]);
            double sum = 0, sum_sq = 0;
            for (float x : v) {
                QVERIFY(std::isfinite(x));
                sum += x;
                sum_sq += double(x) * x;
            }
            const double mean = sum / double(v.size()),
                         std = std::sqrt(sum_sq / double(v.size()) - mean * mean);
            const QString name = QString::fromStdString(t.name);
            if (name.contains("norm")) {
                QVERIFY2(std::fabs(mean - 1.0) < 0.02 && std < 0.1, qPrintable(name));
            } else if (t.dims.size() == 2) {
                const double want = 1.0 / std::sqrt(double(t.dims[0]));
                QVERIFY2(std::fabs(mean) < 0.1 * want && std::fabs(std / want - 1.0) < 0.1,
                         qPrintable(
                             QString("%1: mean %2 std %3, want %4").arg(name).arg(mean).arg(std).arg(want)));
            }
        }
    }

    void encoders_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("type");
        for (const char* arch : {"bert", "nomic-bert"})
            for (const char* type : {"f32", "f16", "q8_0", "q4_k_m"})
                QTest::addRow("%s-%s", arch, type) << arch << type;
    }

    void encoders()
    {
        // As llama.cpp's converter writes bge (bert) and nomic-embed-text (nomic-bert).
        QFETCH(QString, arch);
        QFETCH(QString, type);
        const TestModelOptions o{arch.toStdString(), "tiny", type.toStdString(), 7};
        const hearth::TestModelShape s = hearth::test_model_shape(o);
        const Generated g = generate(o);
        const GgufFile& f = g.file;
        const std::string a = o.architecture + ".";
        const bool bert = arch == "bert";
        QCOMPARE(f.get<std::string>("general.architecture"), o.architecture);
        QCOMPARE(f.get<int64_t>(a + "embedding_length"), int64_t(256));
        QCOMPARE(f.get<int64_t>(a + "context_length"), int64_t(128));
        QCOMPARE(f.get<int64_t>(a + "attention.head_count"), s.heads);
        QVERIFY(!f.has(a + "attention.head_count_kv"));
        QCOMPARE(f.get<float>(a + "attention.layer_norm_epsilon"), 1e-12f);
        QCOMPARE(f.get<bool>(a + "attention.causal"), false);
        QCOMPARE(f.get<uint32_t>(a + "pooling_type"), uint32_t(bert ? 2 : 1)); // CLS as bge, mean as nomic
        QCOMPARE(f.has(a + "rope.freq_base"), !bert);

        QSet<QString> expected{"token_embd.weight", "token_types.weight", "token_embd_norm.weight",
                               "token_embd_norm.bias"};
        if (bert)
            expected << "position_embd.weight";
        QStringList layer{"attn_output.weight",    "attn_output_norm.weight", "attn_output_norm.bias",
                          "ffn_up.weight",         "ffn_down.weight",         "layer_output_norm.weight",
                          "layer_output_norm.bias"};
        if (bert)
            layer << "attn_q.weight"
                  << "attn_q.bias"
                  << "attn_k.weight"
                  << "attn_k.bias"
                  << "attn_v.weight"
                  << "attn_v.bias"
                  << "attn_output.bias"
                  << "ffn_up.bias"
                  << "ffn_down.bias";
        else
            layer << "attn_qkv.weight"
                  << "ffn_gate.weight";
        for (int i = 0; i < s.layers; ++i)
            for (const QString& n : layer)
                expected << QString("blk.%1.%2").arg(i).arg(n);
        QSet<QString> found;
        for (const hearth::GgufTensor& t : f.tensors())
            found << QString::fromStdString(t.name);
        QCOMPARE(found, expected);
        QCOMPARE(f.tensor("token_types.weight").dims, (std::vector<int64_t>{256, 2}));
        QCOMPARE(f.tensor("token_types.weight").type, WeightType::F32);
        if (bert)
            QCOMPARE(f.tensor("position_embd.weight").dims, (std::vector<int64_t>{256, 128}));
        else
            QCOMPARE(f.tensor("blk.0.attn_qkv.weight").dims, (std::vector<int64_t>{256, 3 * 256}));

        // The WordPiece vocabulary: [CLS] text [SEP], lowercased, words from the built-in text.
        QCOMPARE(f.get<std::string>("tokenizer.ggml.model"), std::string("bert"));
        QCOMPARE(f.get<uint32_t>("tokenizer.ggml.token_type_count"), 2u);
        const hearth::Tokenizer tokenizer = hearth::Tokenizer::from_gguf(f);
        QVERIFY(tokenizer.warnings().empty());
        const std::vector<int32_t> ids = tokenizer.encode("The Dog, quietly!", true, false);
        QStringList pieces;
        for (int32_t id : ids)
            pieces << QString::fromStdString(tokenizer.token_text(id));
        QCOMPARE(pieces, (QStringList{"[CLS]", "\u2581the", "\u2581dog", "\u2581,", "\u2581quiet", "l", "y",
                                      "\u2581!", "[SEP]"}));
        QCOMPARE(int64_t(tokenizer.vocab_size()), s.vocabulary);
    }

    void bgeSmallPreset()
    {
        const hearth::TestModelShape s = hearth::test_model_shape({"bert", "bge-small", "f16", 1});
        QCOMPARE(s.embedding, int64_t(384));
        QCOMPARE(s.layers, int64_t(12));
        QCOMPARE(s.heads, int64_t(12));
        QCOMPARE(s.head_dim, int64_t(32));
        QCOMPARE(s.feed_forward, int64_t(1536));
        QCOMPARE(s.context, int64_t(512));
        QCOMPARE(s.vocabulary, int64_t(30522));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, hearth::test_model_shape({"bert", "bge-small", "q4_k_m", 1}));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, hearth::test_model_shape({"llama", "bge-small", "f16", 1}));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, hearth::test_model_shape({"bert", "1b", "f16", 1}));
    }

    void vocabularyAndTemplate()
    {
        const Generated g = generate({"qwen2", "tiny", "f32", 1});
        const GgufFile& f = g.file;
        QCOMPARE(f.get<std::string>("tokenizer.ggml.model"), std::string("gpt2"));
        QCOMPARE(f.get<std::string>("tokenizer.ggml.pre"), std::string("qwen2"));
        const auto tokens = f.get<std::vector<std::string>>("tokenizer.ggml.tokens");
        const auto types = f.get<std::vector<int32_t>>("tokenizer.ggml.token_type");
        const auto merges = f.get<std::vector<std::string>>("tokenizer.ggml.merges");
        QCOMPARE(int64_t(tokens.size()), hearth::test_model_shape({"qwen2", "tiny", "f32", 1}).vocabulary);
        QCOMPARE(types.size(), tokens.size());
        QSet<QString> unique;
        for (const std::string& t : tokens)
            unique << QString::fromStdString(t);
        QCOMPARE(unique.size(), qsizetype(tokens.size()));
        // Byte tokens in the GPT-2 alphabet: 'A' is itself, the space is 'Ġ', newline 'Ċ'.
        QCOMPARE(tokens[size_t('A')], std::string("A"));
        QCOMPARE(tokens[size_t(' ')], std::string("Ġ"));
        QCOMPARE(tokens[size_t('\n')], std::string("Ċ"));
        // Every merge joins two existing tokens into a token that exists, and a few common
        // English pieces were learned.
        QVERIFY(merges.size() > 100);
        QSet<QString> pieces;
        for (const std::string& m : merges) {
            const size_t space = m.find(' ');
            QVERIFY(space != std::string::npos && space > 0 && space + 1 < m.size());
            const QString left = QString::fromStdString(m.substr(0, space)),
                          right = QString::fromStdString(m.substr(space + 1));
            QVERIFY2(unique.contains(left) && unique.contains(right) && unique.contains(left + right),
                     m.c_str());
            pieces << left + right;
        }
        QVERIFY(pieces.contains("Ġthe"));
        QVERIFY(pieces.contains("Ġand"));
        const auto id = [&](const char* text) {
            return int64_t(std::find(tokens.begin(), tokens.end(), text) - tokens.begin());
        };
        QCOMPARE(f.get<int64_t>("tokenizer.ggml.bos_token_id"), id("<|endoftext|>"));
        QCOMPARE(f.get<int64_t>("tokenizer.ggml.eos_token_id"), id("<|im_end|>"));
        QVERIFY(id("<|im_start|>") < int64_t(tokens.size()));
        QCOMPARE(types[size_t(id("<|im_end|>"))], 3);
        QCOMPARE(types[size_t('a')], 1);
        QCOMPARE(f.get<std::string>("tokenizer.chat_template"),
                 std::string("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + "
                             "message['content'] + "
                             "'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ "
                             "'<|im_start|>assistant\n' }}{% endif %}"));
    }

    void deterministicPerSeed()
    {
        const std::vector<uint8_t> a = hearth::make_test_model({"gemma2", "tiny", "q4_k_m", 3}).to_bytes();
        const std::vector<uint8_t> b = hearth::make_test_model({"gemma2", "tiny", "q4_k_m", 3}).to_bytes();
        QVERIFY(a == b);
        const std::vector<uint8_t> c = hearth::make_test_model({"gemma2", "tiny", "q4_k_m", 4}).to_bytes();
        QCOMPARE(c.size(), a.size());
        const GgufFile fa = GgufFile::from_memory(a.data(), a.size()),
                       fc = GgufFile::from_memory(c.data(), c.size());
        QVERIFY(std::memcmp(fa.tensor("blk.0.attn_q.weight").data, fc.tensor("blk.0.attn_q.weight").data,
                            fa.tensor("blk.0.attn_q.weight").bytes) != 0);
        // Different tensors of one model differ too (each is seeded by its name).
        QVERIFY(std::memcmp(fa.tensor("blk.0.ffn_gate.weight").data, fa.tensor("blk.0.ffn_up.weight").data,
                            fa.tensor("blk.0.ffn_up.weight").bytes) != 0);
    }

    void writesAndOpensFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("small.gguf").toStdString();
        uint64_t last = 0, total = 0;
        hearth::write_test_model({"llama", "small", "q8_0", 1}, path, [&](uint64_t done, uint64_t all) {
            QVERIFY(done > last && done <= all);
            last = done;
            total = all;
        });
        QCOMPARE(last, total);
        const GgufFile f = GgufFile::open(path);
        const hearth::TestModelShape s = hearth::test_model_shape({"llama", "small", "q8_0", 1});
        QCOMPARE(f.get<int64_t>("llama.block_count"), s.layers);
        QCOMPARE(f.get<std::vector<std::string_view>>("tokenizer.ggml.tokens").size(), size_t(s.vocabulary));
    }

    void presets()
    {
        const hearth::TestModelShape b = hearth::test_model_shape({"llama", "1b", "q4_k_m", 1});
        QCOMPARE(b.embedding, int64_t(2048));
        QCOMPARE(b.layers, int64_t(16));
        QCOMPARE(b.heads, int64_t(32));
        QCOMPARE(b.kv_heads, int64_t(8));
        QCOMPARE(b.feed_forward, int64_t(8192));
        QCOMPARE(b.vocabulary, int64_t(128256));
        QVERIFY(b.tied_embeddings); // as Llama 3.2 1B
        const hearth::TestModelShape small = hearth::test_model_shape({"phi3", "small", "f16", 1});
        QCOMPARE(small.embedding, int64_t(512));
        for (const auto& o :
             {TestModelOptions{"mistral", "tiny", "f32", 1}, TestModelOptions{"llama", "huge", "f32", 1},
              TestModelOptions{"llama", "tiny", "q3_k", 1}})
            QVERIFY_THROWS_EXCEPTION(hearth::Error, hearth::test_model_shape(o));
        try {
            hearth::test_model_shape({"mistral", "tiny", "f32", 1});
        } catch (const hearth::Error& e) {
            QCOMPARE(QString(e.what()), QString("unknown test-model architecture 'mistral' (choose llama, "
                                                "qwen2, qwen3, gemma2, gemma3, phi3, bert, "
                                                "nomic-bert)"));
        }
    }
};

QTEST_GUILESS_MAIN(TestTestModel)
#include "tst_test_model.moc"
