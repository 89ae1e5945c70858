// The GPU encoder against the reference encoder on random-weight bert and nomic-bert models
// (make-test-model's tiny preset, 128 tokens of context) in f32, f16 and q8_0: every embedding
// of a batch of packed sequences of uneven lengths must point the same way (cosine >= 0.999),
// have unit length, and not depend on which other sequences share its pass. Also the Embedder's
// handling of texts: truncation to the context, empty texts, and models of the wrong kind.
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/test_model.h"
#include "hearth/tokenizer.h"

#include <cmath>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

namespace {

double cosine(std::span<const float> a, std::span<const float> b)
{
    double dot = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        dot += double(a[i]) * b[i];
        aa += double(a[i]) * a[i];
        bb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(aa * bb);
}

double norm(std::span<const float> a)
{
    double squares = 0;
    for (float x : a)
        squares += double(x) * x;
    return std::sqrt(squares);
}

// Random token sequences of the given lengths, each [CLS] ... [SEP] like a tokenized text.
std::vector<std::vector<int32_t>> random_sequences(const std::vector<uint32_t>& lengths,
                                                   const hearth::Tokenizer& t, uint32_t seed)
{
    std::mt19937 engine(seed);
    std::uniform_int_distribution<int32_t> pick(5, int32_t(t.vocab_size()) - 1);
    std::vector<std::vector<int32_t>> sequences;
    for (uint32_t length : lengths) {
        std::vector<int32_t> s(length);
        for (int32_t& token : s)
            token = pick(engine);
        s.front() = t.bos();
        if (length > 1)
            s.back() = t.eos();
        sequences.push_back(std::move(s));
    }
    return sequences;
}

} // namespace

class TestGpuEncoder : public QObject {
    Q_OBJECT
    hearth::Engine m_gpu{""};
    hearth::Engine m_reference{"reference"};
    QTemporaryDir m_dir;

    std::string modelPath(const std::string& arch, const std::string& type)
    {
        const std::string path =
            (m_dir.path() + "/" + QString::fromStdString(arch + "-" + type) + ".gguf").toStdString();
        if (!QFile::exists(QString::fromStdString(path)))
            hearth::write_test_model({arch, "tiny", type, 7}, path);
        return path;
    }

    void compareArchitecture(const std::string& arch)
    {
        for (const std::string type : {"f32", "f16", "q8_0"}) {
            const std::string path = modelPath(arch, type);
            const auto gpu = m_gpu.load(path);
            const auto reference = m_reference.load(path);
            QVERIFY(gpu->is_embedding_model());
            // A small batch limit (the context) so that the texts take several passes.
            const auto gpuEmbedder = gpu->create_embedder({128});
            const auto referenceEmbedder = reference->create_embedder({128});
            QCOMPARE(gpuEmbedder->context_length(), 128u);
            QCOMPARE(gpuEmbedder->dimension(), 256u);

            // Lengths: one token, a full context, and uneven ones whose boundaries fall inside and
            // across the attention's query blocks; 1 + 128 + ... > 128, so several passes.
            const std::vector<uint32_t> lengths = {1, 5, 128, 37, 2, 64, 17, 16};
            const auto sequences = random_sequences(lengths, gpu->tokenizer(), 3);
            const auto got = gpuEmbedder->embed_tokens(sequences);
            const auto want = referenceEmbedder->embed_tokens(sequences);
            QCOMPARE(got.size(), lengths.size());
            double lowest = 1.0;
            for (size_t i = 0; i < got.size(); ++i) {
                const double similarity = cosine(got[i], want[i]);
                lowest = std::min(lowest, similarity);
                QVERIFY2(similarity >= 0.999, qPrintable(QString("%1 %2, sequence %3 (%4 tokens): cosine %5")
                                                             .arg(QString::fromStdString(arch))
                                                             .arg(QString::fromStdString(type))
                                                             .arg(i)
                                                             .arg(lengths[i])
                                                             .arg(similarity, 0, 'f', 6)));
                QVERIFY(std::fabs(norm(got[i]) - 1.0) < 1e-4);
                QVERIFY(std::fabs(norm(want[i]) - 1.0) < 1e-6);
            }
            qInfo("%s %s: lowest cosine GPU vs reference 1 - %.2g", arch.c_str(), type.c_str(), 1.0 - lowest);
            // Distinct inputs give distinct vectors (a pooling of the wrong rows would not).
            QVERIFY(cosine(got[3], got[5]) < 0.999);

            // The same sequence alone, and packed with others in one pass: the same vector.
            const auto wide = gpu->create_embedder({2048});
            const auto packed = wide->embed_tokens(sequences);
            for (size_t i = 0; i < sequences.size(); ++i) {
                const auto alone = wide->embed_tokens({&sequences[i], 1});
                QVERIFY2(cosine(alone[0], packed[i]) > 0.99999 && cosine(alone[0], got[i]) > 0.99999,
                         qPrintable(QString("sequence %1").arg(i)));
            }

            // Texts: tokenized by the WordPiece vocabulary; a long one is cut to the context.
            std::string longText;
            while (longText.size() < 2000)
                longText += "the boy kept the warm stone in his pocket and the dog by the river. ";
            const std::vector<std::string> texts = {"A hearth stone keeps the fire of the house alive.",
                                                    "dog", longText};
            const auto textsGot = gpuEmbedder->embed(texts);
            const auto textsWant = referenceEmbedder->embed(texts);
            for (size_t i = 0; i < texts.size(); ++i) {
                QVERIFY(cosine(textsGot[i].values, textsWant[i].values) >= 0.999);
                QCOMPARE(textsGot[i].tokens, textsWant[i].tokens);
                QCOMPARE(textsGot[i].truncated, i == 2);
            }
            QCOMPARE(textsGot[1].tokens, 3u); // [CLS] dog [SEP]
            QCOMPARE(textsGot[2].tokens, 128u);
        }
    }

  private slots:
    void bert() { compareArchitecture("bert"); }
    void nomicBert() { compareArchitecture("nomic-bert"); }

    void refusesWhatItCannotEmbed()
    {
        const auto model = m_gpu.load(modelPath("bert", "f32"));
        const auto embedder = model->create_embedder();
        const std::vector<std::string> texts = {"fine", ""};
        try {
            embedder->embed(texts);
            QFAIL("an empty text was embedded");
        } catch (const hearth::Error& e) {
            QCOMPARE(QString(e.what()), QString("text 2 is empty: there is nothing to embed"));
        }
        std::atomic<bool> cancel{true};
        QVERIFY_THROWS_EXCEPTION(hearth::Error, embedder->embed(std::vector<std::string>{"x"}, &cancel));
        try {
            model->create_session();
            QFAIL("an embedding model opened a chat session");
        } catch (const hearth::Error& e) {
            QVERIFY2(QString(e.what()).contains("is an embedding model (bert)"), e.what());
        }
    }

    void chatModelHasNoEmbedder()
    {
        const auto model = m_reference.load(modelPath("llama", "f32"));
        QVERIFY(!model->is_embedding_model());
        try {
            model->create_embedder();
            QFAIL("a chat model made an embedder");
        } catch (const hearth::Error& e) {
            QVERIFY2(QString(e.what()).contains("is a text generation model (llama), not an embedding model"),
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestGpuEncoder)
#include "tst_gpu_encoder.moc"
