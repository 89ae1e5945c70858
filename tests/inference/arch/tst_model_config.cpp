// Model config from GGUF metadata: what each supported family turns into (RoPE style, biases,
// norms, sliding-window layers and their RoPE bases, scaling, soft-capping), and the refusals.
#include "arch/model_config.h"
#include "arch/model_weights.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/gguf_writer.h"

#include <QtTest>

#include <cmath>

using namespace hearth;

namespace {

// A metadata-only model (plus the embedding, whose shape gives the vocabulary size).
std::vector<uint8_t> writeModel(const std::string& arch, const std::function<void(GgufWriter&)>& extra = {})
{
    GgufWriter w;
    w.set("general.architecture", arch);
    w.set(arch + ".embedding_length", uint32_t(64));
    w.set(arch + ".block_count", uint32_t(6));
    w.set(arch + ".attention.head_count", uint32_t(4));
    w.set(arch + ".attention.head_count_kv", uint32_t(2));
    w.set(arch + ".feed_forward_length", uint32_t(128));
    w.set(arch + ".context_length", uint32_t(1024));
    w.set(arch + ".attention.layer_norm_rms_epsilon", 1e-6f);
    if (extra)
        extra(w);
    w.add_tensor("token_embd.weight", WeightType::F32, {64, 10}, std::vector<uint8_t>(64 * 10 * 4));
    return w.to_bytes();
}

ModelConfig configOf(const std::vector<uint8_t>& bytes)
{
    const GgufFile file = GgufFile::from_memory(bytes.data(), bytes.size());
    return read_model_config(file);
}

} // namespace

class TestModelConfig : public QObject {
    Q_OBJECT
private slots:
    void llama()
    {
        const auto bytes = writeModel("llama", [](GgufWriter& w) { w.set("llama.rope.freq_base", 500000.0f); });
        const ModelConfig c = configOf(bytes);
        QCOMPARE(c.vocab_size, 10u);
        QCOMPARE(c.head_dim, 16u);
        QCOMPARE(c.rope_dims, 16u);
        QCOMPARE(c.kv_head_count, 2u);
        QCOMPARE(c.norm_epsilon, 1e-6f);
        QVERIFY(c.rope_style == RopeStyle::Adjacent);
        QVERIFY(c.activation == Activation::Silu);
        QCOMPARE(c.layers.size(), size_t(6));
        for (const LayerAttention& layer : c.layers) {
            QCOMPARE(layer.window, 0u);
            QCOMPARE(layer.rope_base, 500000.0f);
            QCOMPARE(layer.rope_scale, 1.0f);
        }
        QCOMPARE(c.attention_scale, 0.25f);
        QVERIFY(!c.qkv_bias && !c.qk_norm && !c.post_norms);
        QCOMPARE(c.embedding_scale, 1.0f);
    }

    void llamaRopeScaling()
    {
        ModelConfig c = configOf(writeModel("llama", [](GgufWriter& w) {
            w.set("llama.rope.scaling.type", "linear");
            w.set("llama.rope.scaling.factor", 4.0f);
        }));
        QCOMPARE(c.layers[0].rope_scale, 0.25f);
        c = configOf(writeModel("llama", [](GgufWriter& w) {
            w.set("llama.rope.scaling.type", "llama3");
            w.set("llama.rope.scaling.factor", 8.0f);
            w.set("llama.rope.scaling.original_context_length", uint32_t(8192));
        }));
        QCOMPARE(c.llama3_factor, 8.0f);
        QCOMPARE(c.llama3_original_context, 8192.0f);
        QVERIFY_THROWS_EXCEPTION(Error, configOf(writeModel("llama", [](GgufWriter& w) {
                                     w.set("llama.rope.scaling.type", "yarn");
                                     w.set("llama.rope.scaling.factor", 4.0f);
                                 })));
    }

    void qwen()
    {
        ModelConfig c = configOf(writeModel("qwen2"));
        QVERIFY(c.rope_style == RopeStyle::Halves);
        QVERIFY(c.qkv_bias && !c.qk_norm);
        c = configOf(writeModel("qwen3", [](GgufWriter& w) { w.set("qwen3.attention.key_length", uint32_t(32)); }));
        QVERIFY(!c.qkv_bias && c.qk_norm);
        QCOMPARE(c.head_dim, 32u); // key_length, not embedding / heads
        QCOMPARE(c.attention_scale, float(1.0 / std::sqrt(32.0)));
    }

    void gemma2()
    {
        const ModelConfig c = configOf(writeModel("gemma2", [](GgufWriter& w) {
            w.set("gemma2.attention.sliding_window", uint32_t(4096));
            w.set("gemma2.attn_logit_softcapping", 50.0f);
            w.set("gemma2.final_logit_softcapping", 30.0f);
        }));
        QVERIFY(c.activation == Activation::Gelu);
        QVERIFY(c.post_norms && !c.qk_norm);
        QCOMPARE(c.embedding_scale, 8.0f);
        QCOMPARE(c.attention_softcap, 50.0f);
        QCOMPARE(c.final_softcap, 30.0f);
        for (uint32_t i = 0; i < 6; ++i) // even layers slide, odd layers are global
            QCOMPARE(c.layers[i].window, i % 2 == 0 ? 4096u : 0u);
    }

    void gemma3()
    {
        const ModelConfig c = configOf(writeModel("gemma3", [](GgufWriter& w) {
            w.set("gemma3.attention.sliding_window", uint32_t(512));
            w.set("gemma3.rope.freq_base", 1000000.0f);
            w.set("gemma3.rope.scaling.type", "linear");
            w.set("gemma3.rope.scaling.factor", 8.0f);
        }));
        QVERIFY(c.qk_norm && c.post_norms);
        QCOMPARE(c.final_softcap, 0.0f);
        for (uint32_t i = 0; i < 5; ++i) { // five local layers, then one global
            QCOMPARE(c.layers[i].window, 512u);
            QCOMPARE(c.layers[i].rope_base, 10000.0f);
            QCOMPARE(c.layers[i].rope_scale, 1.0f);
        }
        QCOMPARE(c.layers[5].window, 0u);
        QCOMPARE(c.layers[5].rope_base, 1000000.0f);
        QCOMPARE(c.layers[5].rope_scale, 0.125f);
    }

    void phi3()
    {
        const ModelConfig c = configOf(writeModel("phi3", [](GgufWriter& w) {
            w.set("phi3.rope.scaling.type", "longrope");
            w.set("phi3.rope.scaling.original_context_length", uint32_t(256));
            w.set("phi3.rope.scaling.attn_factor", 1.19f);
            w.set("phi3.attention.sliding_window", uint32_t(262144));
        }));
        QVERIFY(c.rope_style == RopeStyle::Halves);
        QCOMPARE(c.rope_original_context, 256u);
        QCOMPARE(c.rope_attention_factor, 1.19f);
        QCOMPARE(c.layers[3].window, 262144u);
    }

    void encoders()
    {
        const auto bert = configOf(writeModel("bert", [](GgufWriter& w) {
            w.set("bert.attention.layer_norm_epsilon", 1e-12f);
            w.set("bert.attention.causal", false);
            w.set("bert.pooling_type", uint32_t(2));
        }));
        QVERIFY(!bert.causal);
        QVERIFY(bert.absolute_positions);
        QVERIFY(!bert.gated_ffn);
        QVERIFY(bert.qkv_bias);
        QVERIFY(bert.activation == Activation::Gelu);
        QVERIFY(bert.pooling == reference::Pooling::Cls);
        QCOMPARE(bert.norm_epsilon, 1e-12f); // the LayerNorm key, not the RMS one writeModel also sets

        const auto nomic = configOf(writeModel("nomic-bert", [](GgufWriter& w) {
            w.set("nomic-bert.rope.freq_base", 1000.0f);
            w.set("nomic-bert.pooling_type", uint32_t(1));
        }));
        QVERIFY(!nomic.causal && !nomic.absolute_positions && nomic.gated_ffn && !nomic.qkv_bias);
        QVERIFY(nomic.activation == Activation::Silu);
        QVERIFY(nomic.rope_style == RopeStyle::Halves);
        QCOMPARE(nomic.layers[0].rope_base, 1000.0f);
        QVERIFY(nomic.pooling == reference::Pooling::Mean);
        QVERIFY(configOf(writeModel("bert")).pooling == reference::Pooling::Mean); // no key: mean
        QVERIFY(configOf(writeModel("bert", [](GgufWriter& w) {
                    w.set("bert.pooling_type", uint32_t(3));
                })).pooling == reference::Pooling::Last);
        QVERIFY(configOf(writeModel("llama")).causal);

        try {
            configOf(writeModel("bert", [](GgufWriter& w) { w.set("bert.pooling_type", uint32_t(4)); }));
            QFAIL("a reranker accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("bert.pooling_type = 4 (a reranker) is not supported"),
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, configOf(writeModel("nomic-bert", [](GgufWriter& w) {
                                     w.set("nomic-bert.attention.causal", true);
                                 })));
    }

    void refusals()
    {
        try {
            configOf(writeModel("mamba"));
            QFAIL("mamba accepted");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("'mamba' is not supported") &&
                         message.contains("llama, qwen2, qwen3, gemma2, gemma3, phi3"),
                     e.what());
        }
        GgufWriter w;
        w.set("general.architecture", "llama");
        w.set("llama.embedding_length", uint32_t(64));
        w.add_tensor("token_embd.weight", WeightType::F32, {64, 10}, std::vector<uint8_t>(64 * 10 * 4));
        const std::vector<uint8_t> bytes = w.to_bytes();
        try {
            configOf(bytes);
            QFAIL("a model without block_count accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("llama.block_count"), e.what());
        }
        // 4 heads cannot share 3 key/value heads.
        QVERIFY_THROWS_EXCEPTION(Error, configOf(writeModel("llama", [](GgufWriter& g) {
                                     g.set("llama.attention.head_count_kv", uint32_t(3));
                                 })));
    }

    void missingTensorIsNamed()
    {
        const auto bytes = writeModel("llama");
        const GgufFile file = GgufFile::from_memory(bytes.data(), bytes.size());
        const ModelConfig c = read_model_config(file);
        try {
            bind_model_weights(file, c);
            QFAIL("weights without layers accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("output_norm.weight"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestModelConfig)
#include "tst_model_config.moc"
