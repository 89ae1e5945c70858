// The GGUF reader and writer: the real files in testdata, typed metadata access, writer round
// trips, split models, and every kind of broken or hostile file, each with its expected message.
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/gguf_writer.h"
#include "raw_gguf.h"
#include "testdata.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using hearth::GgufFile;
using hearth::GgufWriter;
using hearth::WeightType;

namespace {

// The message of the Error that parsing these bytes throws, or "" if it parses.
QString parse_error(const QByteArray& bytes)
{
    try {
        (void)GgufFile::from_memory(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size()),
                                    "bad.gguf");
    } catch (const hearth::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

template <class F> QString error_of(F&& f)
{
    try {
        f();
    } catch (const hearth::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A small valid file with metadata of several kinds and two tensors, the last ending the file.
std::vector<uint8_t> small_file()
{
    GgufWriter w;
    w.set("general.architecture", "llama");
    w.set("llama.block_count", uint32_t(2));
    w.set("tokenizer.ggml.tokens", std::vector<std::string>{"<s>", "</s>", "a", "b"});
    w.set("tokenizer.ggml.scores", std::vector<float>{0, 0, -1, -2});
    std::vector<uint8_t> q8(hearth::row_bytes(WeightType::Q8_0, 32) * 2, 0x11);
    w.add_tensor("a.weight", WeightType::Q8_0, {32, 2}, q8);
    std::vector<uint8_t> f32(4 * 4, 0x3F);
    w.add_tensor("b.weight", WeightType::F32, {4}, f32);
    return w.to_bytes();
}

void write_file(const QString& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

} // namespace

class TestGguf : public QObject {
    Q_OBJECT

  private slots:
    void readsTestdataModels()
    {
        const QString path = testdataPath("stories260K.gguf");
        if (!QFile::exists(path))
            QSKIP("testdata is missing");
        const GgufFile f = GgufFile::open(path.toStdString());
        QCOMPARE(f.version(), 3u);
        QCOMPARE(f.metadata().size(), size_t(19));
        QCOMPARE(f.tensors().size(), size_t(48));
        QCOMPARE(f.file_size(), uint64_t(1185376));
        QCOMPARE(f.alignment(), size_t(32));
        QCOMPARE(f.get<std::string>("general.architecture"), std::string("llama"));
        QCOMPARE(f.get<uint32_t>("llama.embedding_length"), 64u);
        QCOMPARE(f.get<int64_t>("llama.block_count"), int64_t(5));
        QCOMPARE(f.get<int32_t>("llama.attention.head_count_kv"), 4);
        QCOMPARE(f.get<float>("llama.attention.layer_norm_rms_epsilon"), 1e-5f);
        QVERIFY(!f.has("llama.rope.freq_base"));
        QCOMPARE(f.get_or<float>("llama.rope.freq_base", 10000.0f), 10000.0f);
        QCOMPARE(f.get<std::vector<std::string>>("tokenizer.ggml.tokens").size(), size_t(512));
        QCOMPARE(f.get<std::vector<std::string_view>>("tokenizer.ggml.tokens")[1], std::string_view("<s>"));
        QCOMPARE(f.get<std::vector<float>>("tokenizer.ggml.scores").size(), size_t(512));
        // UINT32 4294967295 ("none"): reads as uint32 and int64, not as int32.
        QCOMPARE(f.get<uint32_t>("tokenizer.ggml.seperator_token_id"), 4294967295u);
        QCOMPARE(f.get<int64_t>("tokenizer.ggml.seperator_token_id"), int64_t(4294967295));
        QCOMPARE(error_of([&] { f.get<int32_t>("tokenizer.ggml.seperator_token_id"); }),
                 path + ": metadata key 'tokenizer.ggml.seperator_token_id' holds uint32 4294967295, which "
                        "is out of range here");
        int64_t values = 0;
        for (const hearth::GgufTensor& t : f.tensors()) {
            QCOMPARE(t.type, WeightType::F32);
            values += t.elements();
            QCOMPARE((t.data - f.tensors()[0].data) % 32, 0);
        }
        QCOMPARE(values, int64_t(292800));
        const hearth::GgufTensor& embedding = f.tensor("token_embd.weight");
        QCOMPARE(embedding.dims, (std::vector<int64_t>{64, 512}));
        QCOMPARE(embedding.bytes, size_t(64 * 512 * 4));
        QVERIFY(std::memcmp(embedding.data, f.tensor("output.weight").data, embedding.bytes) ==
                0); // tied copy

        const GgufFile tiny = GgufFile::open(testdataPath("llama-2-tiny-random.gguf").toStdString());
        QCOMPARE(tiny.metadata().size(), size_t(18));
        QCOMPARE(tiny.tensors().size(), size_t(12));
        int f16 = 0, f32 = 0;
        values = 0;
        for (const hearth::GgufTensor& t : tiny.tensors()) {
            (t.type == WeightType::F16 ? f16 : f32) += 1;
            values += t.elements();
        }
        QCOMPARE(f16, 9);
        QCOMPARE(f32, 3);
        QCOMPARE(values, int64_t(513048));
        QCOMPARE(tiny.get<std::string>("general.name"), std::string("LLaMA v2"));
    }

    void readsTestdataVocabularies_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("vocabulary");
        QTest::newRow("llama-spm") << "ggml-vocab-llama-spm.gguf"
                                   << "llama"
                                   << "llama" << 32000;
        QTest::newRow("phi-3") << "ggml-vocab-phi-3.gguf"
                               << "phi3"
                               << "llama" << 32064;
        QTest::newRow("gpt-2") << "ggml-vocab-gpt-2.gguf"
                               << "gpt2"
                               << "gpt2" << 50257;
        QTest::newRow("bert-bge") << "ggml-vocab-bert-bge.gguf"
                                  << "bert"
                                  << "bert" << 30522;
        QTest::newRow("deepseek-coder") << "ggml-vocab-deepseek-coder.gguf"
                                        << "llama"
                                        << "gpt2" << 32256;
        QTest::newRow("deepseek-llm") << "ggml-vocab-deepseek-llm.gguf"
                                      << "llama"
                                      << "gpt2" << 102400;
        QTest::newRow("falcon") << "ggml-vocab-falcon.gguf"
                                << "falcon"
                                << "gpt2" << 65024;
        QTest::newRow("mpt") << "ggml-vocab-mpt.gguf"
                             << "mpt"
                             << "gpt2" << 50432;
        QTest::newRow("refact") << "ggml-vocab-refact.gguf"
                                << "refact"
                                << "gpt2" << 49216;
        QTest::newRow("starcoder") << "ggml-vocab-starcoder.gguf"
                                   << "starcoder2"
                                   << "gpt2" << 49152;
    }

    void readsTestdataVocabularies()
    {
        QFETCH(QString, file);
        QFETCH(QString, architecture);
        QFETCH(QString, model);
        QFETCH(int, vocabulary);
        const QString path = testdataPath("vocab/" + file);
        if (!QFile::exists(path))
            QSKIP("testdata is missing");
        const GgufFile f = GgufFile::open(path.toStdString());
        QCOMPARE(f.tensors().size(), size_t(0));
        QCOMPARE(QString::fromStdString(f.get<std::string>("general.architecture")), architecture);
        QCOMPARE(QString::fromStdString(f.get<std::string>("tokenizer.ggml.model")), model);
        QCOMPARE(int(f.get<std::vector<std::string_view>>("tokenizer.ggml.tokens").size()), vocabulary);
        QCOMPARE(QString::fromStdString(f.key_info("tokenizer.ggml.tokens")->type_text()),
                 QString("array[string; %1]").arg(vocabulary));
        if (model == "gpt2")
            QVERIFY(!f.get<std::vector<std::string>>("tokenizer.ggml.merges").empty());
    }

    void typedMetadata()
    {
        GgufWriter w;
        w.set("u8", uint8_t(200));
        w.set("i8", int8_t(-100));
        w.set("u16", uint16_t(60000));
        w.set("i16", int16_t(-30000));
        w.set("u32", uint32_t(4000000000u));
        w.set("i32", int32_t(-7));
        w.set("u64", uint64_t(1) << 40);
        w.set("i64", int64_t(-5));
        w.set("f32", 0.5f);
        w.set("f64", 0.125);
        w.set("yes", true);
        w.set("text", "héllo\n\"x\"");
        w.set("strings", std::vector<std::string>{"a", "", "ccc"});
        w.set("i32s", std::vector<int32_t>{-1, 2});
        w.set("u32s", std::vector<uint32_t>{1, 2, 3});
        w.set("floats", std::vector<float>{1.5f, -2.0f});
        w.set("bools", std::vector<bool>{true, false});
        w.set("f64s", std::vector<double>{1.0});
        w.set("many", std::vector<int32_t>(100, 9));
        const std::vector<uint8_t> bytes = w.to_bytes();
        const GgufFile f = GgufFile::from_memory(bytes.data(), bytes.size(), "m.gguf");

        QCOMPARE(f.get<uint8_t>("u8"), uint8_t(200));
        QCOMPARE(f.get<int32_t>("u8"), 200);
        QCOMPARE(f.get<int8_t>("i8"), int8_t(-100));
        QCOMPARE(f.get<int64_t>("i16"), int64_t(-30000));
        QCOMPARE(f.get<uint64_t>("u32"), uint64_t(4000000000u));
        QCOMPARE(f.get<int64_t>("u32"), int64_t(4000000000u));
        QCOMPARE(f.get<uint32_t>("u16"), 60000u);
        QCOMPARE(f.get<int32_t>("i32"), -7);
        QCOMPARE(f.get<uint64_t>("u64"), uint64_t(1) << 40);
        QCOMPARE(f.get<int64_t>("i64"), int64_t(-5));
        QCOMPARE(f.get<float>("f32"), 0.5f);
        QCOMPARE(f.get<double>("f32"), 0.5);
        QCOMPARE(f.get<double>("f64"), 0.125);
        QCOMPARE(f.get<bool>("yes"), true);
        QCOMPARE(f.get<std::string>("text"), std::string("héllo\n\"x\""));
        QCOMPARE(f.get<std::vector<std::string>>("strings"), (std::vector<std::string>{"a", "", "ccc"}));
        QCOMPARE(f.get<std::vector<int32_t>>("i32s"), (std::vector<int32_t>{-1, 2}));
        QCOMPARE(f.get<std::vector<int64_t>>("u32s"), (std::vector<int64_t>{1, 2, 3}));
        QCOMPARE(f.get<std::vector<uint32_t>>("u32s"), (std::vector<uint32_t>{1, 2, 3}));
        QCOMPARE(f.get<std::vector<float>>("floats"), (std::vector<float>{1.5f, -2.0f}));
        QCOMPARE(f.get_or<int32_t>("absent", 42), 42);
        QCOMPARE(f.get_or<int32_t>("i32", 42), -7);

        QCOMPARE(error_of([&] { f.get<std::string>("u32"); }),
                 QString("m.gguf: metadata key 'u32' holds uint32, not a string"));
        QCOMPARE(error_of([&] { f.get<int32_t>("text"); }),
                 QString("m.gguf: metadata key 'text' holds string, not a signed integer"));
        QCOMPARE(error_of([&] { f.get<std::vector<float>>("strings"); }),
                 QString("m.gguf: metadata key 'strings' holds array[string; 3], not a number"));
        QCOMPARE(error_of([&] { f.get<std::vector<int32_t>>("f32"); }),
                 QString("m.gguf: metadata key 'f32' holds float32, not an array"));
        QCOMPARE(error_of([&] { f.get<uint32_t>("i32"); }),
                 QString("m.gguf: metadata key 'i32' holds int32 -7, which is out of range here"));
        QCOMPARE(error_of([&] { f.get<int32_t>("u32"); }),
                 QString("m.gguf: metadata key 'u32' holds uint32 4000000000, which is out of range here"));
        QCOMPARE(error_of([&] { f.get<bool>("i32"); }),
                 QString("m.gguf: metadata key 'i32' holds int32, not bool"));
        QCOMPARE(error_of([&] { f.get<int32_t>("nothing.here"); }),
                 QString("m.gguf: metadata key 'nothing.here' is missing"));

        QCOMPARE(f.value_text("text"), std::string("\"héllo\\n\\\"x\\\"\""));
        QCOMPARE(f.value_text("text", 8, 4), std::string("\"hél...\"")); // cut at a character boundary
        QCOMPARE(f.value_text("text", 8, 2), std::string("\"h...\""));
        QCOMPARE(f.value_text("strings"), std::string("[\"a\", \"\", \"ccc\"]"));
        QCOMPARE(f.value_text("many", 3), std::string("[9, 9, 9, ... 100 items]"));
        QCOMPARE(f.value_text("f64"), std::string("0.125"));
        QCOMPARE(f.value_text("bools"), std::string("[true, false]"));
        QCOMPARE(f.value_text("i8"), std::string("-100"));
        QCOMPARE(f.key_info("many")->type_text(), std::string("array[int32; 100]"));
        QCOMPARE(f.metadata().size(), size_t(19));
        QCOMPARE(f.metadata()[0].key, std::string("u8")); // file order
    }

    void nestedArrays()
    {
        // [[1, 2], [3]] as an array of arrays of uint32, then a plain key after it.
        RawGguf raw(0, 2);
        raw.key("nested", 9).u32(9).u64(2);
        raw.u32(4).u64(2).u32(1).u32(2);
        raw.u32(4).u64(1).u32(3);
        raw.kv_u32("after", 5);
        const QByteArray& b = raw.bytes;
        const GgufFile f =
            GgufFile::from_memory(reinterpret_cast<const uint8_t*>(b.constData()), size_t(b.size()));
        QCOMPARE(f.value_text("nested"), std::string("[[1, 2], [3]]"));
        QCOMPARE(f.key_info("nested")->type_text(), std::string("array[array; 2]"));
        QCOMPARE(f.get<uint32_t>("after"), 5u);
        QVERIFY(error_of([&] {
                    f.get<std::vector<uint32_t>>("nested");
                }).contains("holds array[array; 2], not an array"));
    }

    void writerRoundTripAndAlignment()
    {
        for (uint32_t alignment : {32u, 64u, 256u}) {
            GgufWriter w;
            w.set("general.architecture", "llama");
            if (alignment != 32)
                w.set_alignment(alignment);
            std::vector<float> values(256 * 3);
            for (size_t i = 0; i < values.size(); ++i)
                values[i] = std::sin(float(i));
            std::vector<uint8_t> q4k(hearth::row_bytes(WeightType::Q4_K, 256) * 3);
            for (int r = 0; r < 3; ++r)
                hearth::quantize_row(WeightType::Q4_K, values.data() + 256 * r, q4k.data() + 144 * r, 256);
            w.add_tensor("odd", WeightType::F16, {3},
                         std::vector<uint8_t>(6, 0x01)); // 6 bytes: forces padding
            w.add_tensor("q", WeightType::Q4_K, {256, 3}, q4k);
            w.add_tensor("filled", WeightType::F32, {5, 1, 1, 2}, [](uint8_t* dst, size_t n) {
                for (size_t i = 0; i < n; ++i)
                    dst[i] = uint8_t(i);
            });
            QCOMPARE(w.tensor_count(), size_t(3));
            QTemporaryDir dir;
            const QString path = dir.filePath("rt.gguf");
            w.write(path.toStdString());
            const std::vector<uint8_t> in_memory = w.to_bytes();
            QCOMPARE(QFileInfo(path).size(), qint64(in_memory.size()));

            const GgufFile f = GgufFile::open(path.toStdString());
            QCOMPARE(f.alignment(), size_t(alignment));
            QCOMPARE(f.version(), 3u);
            const uint8_t* base = f.tensors()[0].data - f.tensors()[0].offset;
            for (const hearth::GgufTensor& t : f.tensors()) {
                QCOMPARE(t.offset % alignment, uint64_t(0));
                QCOMPARE(uintptr_t(t.data - base) % alignment, uintptr_t(0));
            }
            QVERIFY(std::memcmp(f.tensor("q").data, q4k.data(), q4k.size()) == 0);
            QCOMPARE(f.tensor("filled").dims, (std::vector<int64_t>{5, 1, 1, 2}));
            QCOMPARE(f.tensor("filled").elements(), int64_t(10));
            QCOMPARE(f.tensor("filled").data[39], uint8_t(39));
            QCOMPARE(f.tensor("odd").bytes, size_t(6));
        }
    }

    void writerRejectsBadInput()
    {
        GgufWriter w;
        w.add_tensor("a", WeightType::F32, {4}, std::vector<uint8_t>(16));
        QCOMPARE(error_of([&] { w.add_tensor("a", WeightType::F32, {4}, std::vector<uint8_t>(16)); }),
                 QString("duplicate tensor name 'a'"));
        QCOMPARE(error_of([&] { w.add_tensor("b", WeightType::F32, {4}, std::vector<uint8_t>(15)); }),
                 QString("tensor 'b' needs 16 bytes of f32 data, but 15 were given"));
        QCOMPARE(error_of([&] { w.add_tensor("c", WeightType::Q4_0, {33}, std::vector<uint8_t>(18)); }),
                 QString("a row of 33 values cannot be stored as q4_0, whose blocks hold 32 values"));
        QCOMPARE(error_of([&] {
                     w.add_tensor("d", WeightType::F32, {1, 1, 1, 1, 1}, std::vector<uint8_t>(4));
                 }),
                 QString("tensor 'd' must have 1 to 4 dimensions"));
        QCOMPARE(error_of([&] { w.set_alignment(48); }),
                 QString("GGUF alignment must be a power of two, not 48"));
        QCOMPARE(w.tensor_count(), size_t(1));
        w.set("k", uint32_t(1));
        w.set("k", "replaced");
        const std::vector<uint8_t> bytes = w.to_bytes();
        const GgufFile f = GgufFile::from_memory(bytes.data(), bytes.size());
        QCOMPARE(f.get<std::string>("k"), std::string("replaced"));
        QCOMPARE(error_of([&] { w.write("/nonexistent-dir/x.gguf"); }),
                 QString("cannot write /nonexistent-dir/x.gguf: No such file or directory"));
    }

    void tensorLookup()
    {
        const std::vector<uint8_t> bytes = small_file();
        const GgufFile f = GgufFile::from_memory(bytes.data(), bytes.size(), "s.gguf");
        QVERIFY(f.find_tensor("a.weight"));
        QVERIFY(!f.find_tensor("nope"));
        QCOMPARE(f.tensor("a.weight").rows(), int64_t(2));
        QCOMPARE(error_of([&] { f.tensor("blk.0.attn_q.weight"); }),
                 QString("s.gguf: the model has no tensor 'blk.0.attn_q.weight' (the file is incomplete or "
                         "made for another architecture)"));
        // Move-only: moving keeps the mapped pointers valid.
        GgufFile moved = std::move(const_cast<GgufFile&>(f));
        QCOMPARE(moved.tensor("b.weight").data[0], uint8_t(0x3F));
    }

    void splitModels()
    {
        QTemporaryDir dir;
        const auto shard = [&](int index, int count, int tensors_total,
                               std::initializer_list<const char*> names) {
            GgufWriter w;
            if (index == 1)
                w.set("general.architecture", "llama");
            w.set("split.no", uint16_t(index - 1));
            w.set("split.count", uint16_t(count));
            w.set("split.tensors.count", int32_t(tensors_total));
            for (const char* name : names)
                w.add_tensor(name, WeightType::F32, {8}, std::vector<uint8_t>(32, uint8_t(index)));
            w.write(dir.filePath(QString("model-%1-of-%2.gguf")
                                     .arg(index, 5, 10, QChar('0'))
                                     .arg(count, 5, 10, QChar('0')))
                        .toStdString());
        };
        shard(1, 3, 4, {"a", "b"});
        shard(2, 3, 4, {"c"});
        shard(3, 3, 4, {"d"});
        for (const char* name : {"model-00001-of-00003.gguf", "model-00002-of-00003.gguf"}) {
            const GgufFile f = GgufFile::open(dir.filePath(name).toStdString());
            QCOMPARE(f.shard_count(), size_t(3));
            QCOMPARE(f.tensors().size(), size_t(4));
            QCOMPARE(f.get<std::string>("general.architecture"), std::string("llama"));
            QCOMPARE(f.tensor("a").data[0], uint8_t(1));
            QCOMPARE(f.tensor("c").data[0], uint8_t(2));
            QCOMPARE(f.tensor("d").data[31], uint8_t(3));
            QVERIFY(QString::fromStdString(f.path()).endsWith("model-00001-of-00003.gguf"));
        }
        // A missing part, a part with a duplicate tensor, a wrong tensor total.
        QFile::remove(dir.filePath("model-00003-of-00003.gguf"));
        QVERIFY(error_of([&] {
                    GgufFile::open(dir.filePath("model-00001-of-00003.gguf").toStdString());
                }).contains("model-00003-of-00003.gguf: No such file or directory"));
        shard(3, 3, 4, {"a"});
        QVERIFY(error_of([&] {
                    GgufFile::open(dir.filePath("model-00001-of-00003.gguf").toStdString());
                }).endsWith("model-00003-of-00003.gguf: duplicate tensor name 'a'"));
        shard(3, 3, 4, {"d", "e"});
        QVERIFY(
            error_of([&] { GgufFile::open(dir.filePath("model-00001-of-00003.gguf").toStdString()); })
                .endsWith(
                    "split.tensors.count says 4 tensors, the parts hold 5 (a part is missing or damaged)"));
        // A part renamed so the others cannot be found.
        QFile::copy(dir.filePath("model-00002-of-00003.gguf"), dir.filePath("renamed.gguf"));
        QVERIFY(error_of([&] { GgufFile::open(dir.filePath("renamed.gguf").toStdString()); })
                    .endsWith("renamed.gguf: this is one part of a split model, but its name does not end in "
                              "-0000K-of-0000N.gguf, so the other parts cannot be found"));
    }

    void openErrors()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath("missing.gguf");
        QCOMPARE(error_of([&] { GgufFile::open(missing.toStdString()); }),
                 "cannot open " + missing + ": No such file or directory");
        QCOMPARE(error_of([&] { GgufFile::open(dir.path().toStdString()); }),
                 "cannot open " + dir.path() + ": not a regular file");
        const QString empty = dir.filePath("empty.gguf");
        write_file(empty, {});
        QCOMPARE(error_of([&] { GgufFile::open(empty.toStdString()); }),
                 empty + ": the file is empty, not a GGUF model");
    }

    // Every prefix of a valid file is rejected with a message about truncation, both in memory
    // and (for a sample of lengths) through the mapped-file path.
    void truncatedAtEveryOffset()
    {
        const std::vector<uint8_t> full = small_file();
        QVERIFY(parse_error(QByteArray(reinterpret_cast<const char*>(full.data()), qsizetype(full.size())))
                    .isEmpty());
        const QRegularExpression expected(
            "truncated or corrupt|past the end of the file|the file is empty|not a GGUF file");
        for (size_t length = 0; length < full.size(); ++length) {
            const QString message =
                parse_error(QByteArray(reinterpret_cast<const char*>(full.data()), qsizetype(length)));
            QVERIFY2(!message.isEmpty(), qPrintable(QString("prefix of %1 bytes parsed").arg(length)));
            QVERIFY2(message.contains(expected), qPrintable(QString("%1: %2").arg(length).arg(message)));
        }
        QTemporaryDir dir;
        for (size_t length :
             {size_t(0), size_t(3), size_t(23), size_t(100), full.size() / 2, full.size() - 1}) {
            const QString path = dir.filePath("t.gguf");
            write_file(path, std::vector<uint8_t>(full.begin(), full.begin() + std::ptrdiff_t(length)));
            QVERIFY(error_of([&] { GgufFile::open(path.toStdString()); }).contains(expected));
        }
    }

    void hostileFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        const uint64_t huge = uint64_t(1) << 60;

        QTest::newRow("wrong magic")
            << RawGguf(0, 0, 3, "GGML").bytes
            << "bad.gguf: not a GGUF file (it starts with 'GGML', a GGUF file with 'GGUF')";
        QTest::newRow("binary magic")
            << QByteArray("\x7f"
                          "ELF\x02\x01\x01",
                          7)
            << "bad.gguf: not a GGUF file (it starts with '?ELF', a GGUF file with 'GGUF')";
        QTest::newRow("too short for magic")
            << QByteArray("GG") << "bad.gguf: not a GGUF file (it starts with 'GG'";
        QTest::newRow("version 4") << RawGguf(0, 0, 4).bytes
                                   << "bad.gguf: unsupported GGUF version 4 (Hearth reads versions 2 and 3)";
        QTest::newRow("version 1") << RawGguf(0, 0, 1).bytes
                                   << "bad.gguf: GGUF version 1 is too old to be supported";
        QTest::newRow("big-endian") << RawGguf(0, 0, 0x03000000).bytes
                                    << "bad.gguf: big-endian GGUF files are not supported";
        QTest::newRow("version 2 accepted, kv past end")
            << RawGguf(0, 1, 2).bytes
            << "bad.gguf: the header claims 1 metadata entries, more than the file can hold (it is truncated "
               "or corrupt)";
        QTest::newRow("kv count 2^60") << RawGguf(0, huge).bytes
                                       << "bad.gguf: the header claims 1152921504606846976 metadata entries, "
                                          "more than the file can hold";
        QTest::newRow("tensor count 2^60")
            << RawGguf(huge, 0).bytes
            << "bad.gguf: the header claims 1152921504606846976 tensors, more than the file can hold";
        QTest::newRow("key length past end") << RawGguf(0, 1).u64(uint64_t(1) << 40).u32(4).u32(0).bytes
                                             << "bad.gguf: the key of metadata entry 0 has a length of "
                                                "1099511627776 bytes, past the end of the file";
        QTest::newRow("string value past end") << RawGguf(0, 1).key("general.name", 8).u64(1000).u64(0).bytes
                                               << "bad.gguf: the value of 'general.name' has a length of "
                                                  "1000 bytes, past the end of the file (8 bytes remain)";
        QTest::newRow("array of 2^60 elements")
            << RawGguf(0, 1).key("tokenizer.ggml.scores", 9).u32(6).u64(huge).zeros(16).bytes
            << "bad.gguf: metadata key 'tokenizer.ggml.scores' is an array of 1152921504606846976 elements, "
               "more than the rest of the file can hold (it is truncated or corrupt)";
        QTest::newRow("string array of 2^60")
            << RawGguf(0, 1).key("tokenizer.ggml.tokens", 9).u32(8).u64(huge).zeros(16).bytes
            << "is an array of 1152921504606846976 elements, more than the rest of the file can hold";
        QTest::newRow("string in array past end") << RawGguf(0, 1).key("t", 9).u32(8).u64(1).u64(99).bytes
                                                  << "bad.gguf: the value of 't' has a length of 99 bytes, "
                                                     "past the end of the file (0 bytes remain)";
        QTest::newRow("unknown value type") << RawGguf(0, 1).key("x", 13).u32(0).bytes
                                            << "bad.gguf: metadata key 'x' has unknown value type 13";
        QTest::newRow("unknown array element type")
            << RawGguf(0, 1).key("x", 9).u32(99).u64(0).bytes
            << "bad.gguf: metadata key 'x' is an array of unknown value type 99";
        {
            RawGguf deep(0, 1);
            deep.key("deep", 9);
            for (int i = 0; i < 9; ++i)
                deep.u32(9).u64(1);
            deep.u32(4).u64(0);
            QTest::newRow("arrays nested 9 deep")
                << deep.bytes << "bad.gguf: metadata key 'deep' nests arrays more than 8 deep";
        }
        QTest::newRow("empty key") << RawGguf(0, 1).str("").u32(4).u32(1).bytes
                                   << "bad.gguf: metadata entry 0 has an empty or over-long key";
        QTest::newRow("duplicate key")
            << RawGguf(0, 2).kv_u32("llama.block_count", 1).kv_u32("llama.block_count", 2).bytes
            << "bad.gguf: duplicate metadata key 'llama.block_count'";
        QTest::newRow("alignment not a power of two")
            << RawGguf(0, 1).kv_u32("general.alignment", 48).bytes
            << "bad.gguf: general.alignment is 48; it must be a power of two";
        QTest::newRow("alignment zero") << RawGguf(0, 1).kv_u32("general.alignment", 0).bytes
                                        << "bad.gguf: general.alignment is 0; it must be a power of two";
        QTest::newRow("alignment of wrong type")
            << RawGguf(0, 1).kv_str("general.alignment", "32").bytes
            << "bad.gguf: general.alignment must be a uint32, but it is a string";

        // Tensor infos. One F32 tensor of 8 values needs 32 bytes of data at offset 0.
        const auto one_tensor = [](std::initializer_list<uint64_t> dims, uint32_t type, uint64_t offset,
                                   int data) {
            RawGguf raw(1, 0);
            raw.tensor("w", dims, type, offset).pad_to(32).zeros(data);
            return raw.bytes;
        };
        QTest::newRow("valid tensor") << one_tensor({8}, 0, 0, 32) << "";
        QTest::newRow("more than 4 dims")
            << one_tensor({1, 1, 1, 1, 8}, 0, 0, 32)
            << "bad.gguf: tensor 'w' has 5 dimensions; GGUF tensors have 1 to 4";
        QTest::newRow("no dims") << one_tensor({}, 0, 0, 32)
                                 << "bad.gguf: tensor 'w' has 0 dimensions; GGUF tensors have 1 to 4";
        QTest::newRow("zero dim") << one_tensor({8, 0}, 0, 0, 32)
                                  << "bad.gguf: tensor 'w' has a zero dimension";
        QTest::newRow("dim above int64") << one_tensor({uint64_t(1) << 63}, 0, 0, 32)
                                         << "bad.gguf: tensor 'w' is too large: its element count overflows";
        QTest::newRow("element count overflow")
            << one_tensor({uint64_t(1) << 32, uint64_t(1) << 32}, 0, 0, 32)
            << "bad.gguf: tensor 'w' is too large: its element count overflows";
        QTest::newRow("byte size overflow") << one_tensor({uint64_t(1) << 32, uint64_t(1) << 30}, 0, 0, 32)
                                            << "bad.gguf: tensor 'w' is too large: its byte size overflows";
        QTest::newRow("huge but no overflow")
            << one_tensor({uint64_t(1) << 20, uint64_t(1) << 20}, 0, 0, 32)
            << "bad.gguf: tensor 'w' data (4398046511104 bytes at offset 0 of the data section at byte 96) "
               "lies outside the file of 128 bytes (it is truncated or corrupt)";
        QTest::newRow("unknown weight type")
            << one_tensor({8}, 99, 0, 32)
            << "bad.gguf: tensor 'w' has weight type id 99, which Hearth does not support";
        QTest::newRow("unsupported weight type iq2_xxs")
            << one_tensor({256}, 16, 0, 32)
            << "bad.gguf: tensor 'w' has weight type id 16, which Hearth does not support";
        QTest::newRow("row not whole blocks")
            << one_tensor({33}, 2, 0, 32)
            << "bad.gguf: tensor 'w' has rows of 33 values, not a multiple of the q4_0 block of 32";
        QTest::newRow("misaligned offset")
            << one_tensor({8}, 0, 4, 64)
            << "bad.gguf: tensor 'w' data offset 4 is not a multiple of the alignment 32";
        QTest::newRow("data past end")
            << one_tensor({8}, 0, 0, 31)
            << "bad.gguf: tensor 'w' data (32 bytes at offset 0 of the data section at byte 64) lies outside "
               "the file of 95 bytes (it is truncated or corrupt)";
        QTest::newRow("offset past end")
            << one_tensor({8}, 0, uint64_t(1) << 62, 32)
            << "bad.gguf: tensor 'w' data (32 bytes at offset 4611686018427387904 of the data section at "
               "byte 64) lies outside the file";
        {
            RawGguf raw(2, 0);
            raw.tensor("w", {8}, 0, 0).tensor("w", {8}, 0, 32).pad_to(32).zeros(64);
            QTest::newRow("duplicate tensor name") << raw.bytes << "bad.gguf: duplicate tensor name 'w'";
        }
        {
            RawGguf raw(1, 0);
            raw.tensor("", {8}, 0, 0).pad_to(32).zeros(32);
            QTest::newRow("empty tensor name")
                << raw.bytes << "bad.gguf: tensor 0 has an empty or over-long name";
        }
        {
            RawGguf raw(1, 0);
            raw.str("long.tensor.name.that.fills.space").u32(1).u64(8);
            raw.zeros(2);
            QTest::newRow("tensor info truncated")
                << raw.bytes
                << "bad.gguf: the file ends at byte 79 while reading the info of tensor "
                   "'long.tensor.name.that.fills.space' (it is truncated or corrupt)";
        }
    }

    void hostileFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const QString error = parse_error(bytes);
        if (message.isEmpty())
            QVERIFY2(error.isEmpty(), qPrintable(error));
        else
            QVERIFY2(error.startsWith(message) || (!error.isEmpty() && error.contains(message)),
                     qPrintable("got: " + error));
    }

    // Opening maps the file and reads only the header: fast even for a large file.
    void openIsFastAndDoesNotReadTensors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("big.gguf");
        GgufWriter w;
        w.set("general.architecture", "llama");
        // 64 MiB of tensor data, never written by the fill (sparse-ish zeros from the buffer).
        for (int i = 0; i < 4; ++i)
            w.add_tensor(std::string(1, char('a' + i)), WeightType::F32, {4096, 1024},
                         [](uint8_t*, size_t) {});
        w.write(path.toStdString());
        QElapsedTimer timer;
        timer.start();
        const GgufFile f = GgufFile::open(path.toStdString());
        QCOMPARE(f.tensors().size(), size_t(4));
        QVERIFY2(timer.elapsed() < 200, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestGguf)
#include "tst_gguf.moc"
