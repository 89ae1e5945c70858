// The GPU forward pass against the CPU reference on random-weight models of every architecture
// in the common weight formats (make-test-model's tiny preset): teacher-forced logits must point
// the same way (cosine >= 0.999) at every position, token by token and through prompt reuse and
// context-full truncation; f32 models must pick the same greedy tokens. Also where the weights
// go when device memory is short, and that unloading gives all device memory back.
#include "arch/model_config.h"
#include "arch/model_weights.h"
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/test_model.h"
#include "runtime/backend.h"
#include "vulkan/device.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
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

int32_t argmax(std::span<const float> logits)
{
    return int32_t(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

std::vector<int32_t> random_tokens(size_t count, uint32_t vocab, uint32_t seed)
{
    std::mt19937 engine(seed);
    std::uniform_int_distribution<int32_t> pick(0, int32_t(vocab) - 1);
    std::vector<int32_t> tokens(count);
    for (int32_t& token : tokens)
        token = pick(engine);
    return tokens;
}

// A model file read as the engine reads it, for tests that build a backend themselves.
struct OpenedFile {
    explicit OpenedFile(const std::string& path)
        : file(hearth::GgufFile::open(path)), config(hearth::read_model_config(file)),
          weights(hearth::bind_model_weights(file, config))
    {
    }
    hearth::GgufFile file;
    hearth::ModelConfig config;
    hearth::ModelWeights weights;
};

// Runs the same call on both sessions and requires their logits to agree.
struct Pair {
    std::unique_ptr<hearth::Session> gpu, reference;
    QString where;

    template <typename Call> bool same(Call call, const QString& step)
    {
        const std::span<const float> g = call(*gpu);
        const std::vector<float> got(g.begin(), g.end());
        const std::span<const float> want = call(*reference);
        const double similarity = cosine(got, want);
        if (similarity < 0.999 || gpu->last_evaluated() != reference->last_evaluated() ||
            gpu->tokens() != reference->tokens()) {
            qWarning("%s, %s: cosine %.6f, evaluated %u vs %u", qPrintable(where), qPrintable(step), similarity,
                     gpu->last_evaluated(), reference->last_evaluated());
            return false;
        }
        return true;
    }
};

} // namespace

class TestGpuForward : public QObject {
    Q_OBJECT
    hearth::Engine m_gpu{""};
    hearth::Engine m_reference{"reference"};
    QTemporaryDir m_dir;

    std::string modelPath(const std::string& arch, const std::string& type)
    {
        const std::string path = (m_dir.path() + "/" + QString::fromStdString(arch + "-" + type) + ".gguf").toStdString();
        if (!QFile::exists(QString::fromStdString(path)))
            hearth::write_test_model({arch, "tiny", type, 7}, path);
        return path;
    }

    Pair sessions(hearth::Model& gpu, hearth::Model& reference, hearth::SessionOptions options, const QString& where)
    {
        return {gpu.create_session(options), reference.create_session(options), where};
    }

    void compareArchitecture(const std::string& arch)
    {
        for (const std::string type : {"f32", "f16", "q8_0", "q4_0", "q4_k_m"}) {
            const std::string path = modelPath(arch, type);
            const auto gpu = m_gpu.load(path);
            const auto reference = m_reference.load(path);
            const std::vector<int32_t> tokens = random_tokens(64, gpu->vocab_size(), 11);
            const QString where = QString::fromStdString(arch + " " + type);

            // Token by token: every one of 64 positions.
            Pair plain = sessions(*gpu, *reference, {64, 8}, where + " token by token");
            for (size_t i = 0; i < tokens.size(); ++i)
                QVERIFY(plain.same([&](hearth::Session& s) { return s.append({&tokens[i], 1}); },
                                   QString("position %1").arg(i)));

            // A prompt in batches, a longer prompt that reuses it (only the suffix runs), then
            // token by token through context-full truncations (the cache rebuilt after the kept
            // start).
            Pair reuse = sessions(*gpu, *reference, {40, 8}, where + " prompt reuse and truncation");
            reuse.gpu->set_keep_tokens(4);
            reuse.reference->set_keep_tokens(4);
            QVERIFY(reuse.same([&](hearth::Session& s) { return s.evaluate({tokens.data(), 16}); }, "prompt"));
            QVERIFY(reuse.same([&](hearth::Session& s) { return s.evaluate({tokens.data(), 24}); }, "reuse"));
            QCOMPARE(reuse.gpu->last_evaluated(), 8u);
            bool truncated = false;
            for (size_t i = 24; i < tokens.size(); ++i) {
                QVERIFY(reuse.same([&](hearth::Session& s) { return s.append({&tokens[i], 1}); },
                                   QString("position %1").arg(i)));
                truncated = truncated || reuse.gpu->last_evaluated() > 1;
            }
            QVERIFY2(truncated, "the context never filled up");

            if (type == "f32") { // greedy decoding picks the same 32 tokens
                Pair greedy = sessions(*gpu, *reference, {64, 8}, where + " greedy");
                std::vector<int32_t> gpu_tokens, reference_tokens;
                std::span<const float> g = greedy.gpu->evaluate({tokens.data(), 8});
                std::span<const float> r = greedy.reference->evaluate({tokens.data(), 8});
                for (int step = 0; step < 32; ++step) {
                    gpu_tokens.push_back(argmax(g));
                    reference_tokens.push_back(argmax(r));
                    g = greedy.gpu->append({&gpu_tokens.back(), 1});
                    r = greedy.reference->append({&reference_tokens.back(), 1});
                }
                QCOMPARE(gpu_tokens, reference_tokens);
            }
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void llama() { compareArchitecture("llama"); }
    void qwen2() { compareArchitecture("qwen2"); }
    void qwen3() { compareArchitecture("qwen3"); }
    void gemma2() { compareArchitecture("gemma2"); }
    void gemma3() { compareArchitecture("gemma3"); }
    void phi3() { compareArchitecture("phi3"); }

    void stateSaveAndRestoreOnTheGpu()
    {
        const auto model = m_gpu.load(modelPath("qwen2", "q8_0"));
        const std::vector<int32_t> tokens = random_tokens(20, model->vocab_size(), 3);
        const auto session = model->create_session({64, 8});
        session->evaluate({tokens.data(), 19});
        const QString path = m_dir.path() + "/state.bin";
        session->save(path.toStdString());
        const std::span<const float> continued = session->append({&tokens[19], 1});
        const std::vector<float> expected(continued.begin(), continued.end());

        const auto restored = model->create_session({64, 8});
        restored->restore(path.toStdString());
        const std::span<const float> logits = restored->append({&tokens[19], 1});
        QCOMPARE(restored->last_evaluated(), 1u);
        QCOMPARE(std::vector<float>(logits.begin(), logits.end()), expected);

        // A state saved from the reference engine's cache is refused, not misread.
        const auto reference = m_reference.load(modelPath("qwen2", "q8_0"));
        const auto other = reference->create_session({64, 8});
        QVERIFY_THROWS_EXCEPTION(hearth::Error, other->restore(path.toStdString()));
    }

    // Weights past the device-local budget live in host-visible memory the GPU reads directly;
    // the logits must not change.
    void weightsThatSpillGiveTheSameLogits()
    {
        hearth::vulkan::Device device("");
        const OpenedFile opened(modelPath("llama", "q4_k_m"));
        const hearth::ModelConfig& config = opened.config;
        const hearth::ModelWeights& weights = opened.weights;
        hearth::MemoryPlan plan;
        plan.needs = hearth::estimate_memory(config, weights);
        plan.device_local_weight_budget = plan.needs.weights / 2;
        QVERIFY(plan.spills());
        double last_progress = 0;
        const auto spilled = hearth::make_vulkan_backend(device, config, weights, plan, [&](double fraction) {
            last_progress = fraction;
            return true;
        });
        QCOMPARE(last_progress, 1.0);
        QVERIFY(spilled->system_memory_bytes() >= plan.needs.weights / 2);
        plan.device_local_weight_budget = plan.needs.weights;
        const auto resident = hearth::make_vulkan_backend(device, config, weights, plan, {});
        QCOMPARE(resident->system_memory_bytes(), uint64_t(0));

        const std::vector<int32_t> tokens = random_tokens(12, config.vocab_size, 5);
        std::vector<float> a(config.vocab_size), b(config.vocab_size);
        spilled->create_session(32, 16)->forward(tokens, 0, a);
        resident->create_session(32, 16)->forward(tokens, 0, b);
        QCOMPARE(a, b);
    }

    void loadingCanBeCancelled()
    {
        int calls = 0;
        hearth::LoadOptions options;
        options.progress = [&](double) { return ++calls < 3; };
        QVERIFY_THROWS_EXCEPTION(hearth::Error, m_gpu.load(modelPath("phi3", "f16"), options));
        QCOMPARE(calls, 3);
    }

    void unloadingGivesAllDeviceMemoryBack()
    {
        hearth::vulkan::Device device("");
        const OpenedFile opened(modelPath("gemma2", "q4_0"));
        const hearth::ModelConfig& config = opened.config;
        const hearth::ModelWeights& weights = opened.weights;
        const hearth::MemoryPlan plan = hearth::plan_memory(hearth::estimate_memory(config, weights),
                                                            hearth::device_memory(device), device.info().name);
        const uint64_t start = device.allocated_bytes();
        const std::vector<int32_t> tokens = random_tokens(4, config.vocab_size, 9);
        std::vector<float> logits(config.vocab_size);
        for (int i = 0; i < 20; ++i) {
            auto model = hearth::make_vulkan_backend(device, config, weights, plan, {});
            auto session = model->create_session(64, 8);
            session->forward(tokens, 0, logits);
            QVERIFY(device.allocated_bytes() > start + plan.needs.weights);
            session.reset();
            model.reset();
            QCOMPARE(device.allocated_bytes(), start);
        }
    }

    void memoryPlanPlacesWeightsOrRefuses()
    {
        hearth::MemoryNeeds needs;
        needs.weights = 4'000'000'000;
        needs.kv_cache = 500'000'000;
        needs.activations = 100'000'000;
        const hearth::MemoryPlan fits = hearth::plan_memory(needs, {8'000'000'000, 16'000'000'000}, "Big GPU");
        QVERIFY(!fits.spills());
        const hearth::MemoryPlan spills = hearth::plan_memory(needs, {2'600'000'000, 16'000'000'000}, "Small GPU");
        QVERIFY(spills.spills());
        // 90% of 2.6 GB, less the cache and buffers.
        QCOMPARE(spills.device_local_weight_budget, uint64_t(2'340'000'000 - 600'000'000));
        try {
            hearth::plan_memory(needs, {2'000'000'000, 1'000'000'000}, "Tiny GPU");
            QFAIL("a model larger than all memory was accepted");
        } catch (const hearth::Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("4.60 GB") && message.contains("2.00 GB") && message.contains("1.00 GB") &&
                         message.contains("Tiny GPU"),
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestGpuForward)
#include "tst_gpu_forward.moc"
