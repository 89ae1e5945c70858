// hearth-cli make-test-model: writes a random-weight GGUF model in the real shapes of an
// architecture, for tests and benchmarks.
#include "command.h"
#include "hearth/error.h"
#include "hearth/test_model.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QStringList>
#include <QTextStream>

namespace {

QString choices(const std::vector<std::string>& items)
{
    QStringList list;
    for (const std::string& s : items)
        list << QString::fromStdString(s);
    return list.join(QLatin1Char('|'));
}

} // namespace

int runMakeTestModel(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.contains(QLatin1String("--help"))) {
        out << "usage: hearth-cli make-test-model --arch " << choices(hearth::test_model_architectures())
            << " --preset " << choices(hearth::test_model_presets()) << "\n"
            << "                                 --type " << choices(hearth::test_model_types())
            << " [--seed N] -o FILE\n\n"
               "Writes a model with random weights whose metadata, tensor names and shapes are those real\n"
               "GGUF files of the architecture carry (qwen2: q/k/v biases; qwen3: q/k norms, head size 128;\n"
               "gemma2: post-attention and post-FFN norms, soft-capping, sliding window; gemma3: the\n"
               "same without soft-capping, with q/k norms and local/global RoPE; phi3: fused QKV and\n"
               "gate+up). The vocabulary is a small byte-level BPE with ChatML special tokens and chat\n"
               "template. The embedding encoders take a WordPiece vocabulary and no output head: bert\n"
               "(absolute positions, token types, q/k/v biases, GELU, CLS pooling, as bge) and nomic-bert\n"
               "(fused QKV, RoPE, SwiGLU, mean pooling, as nomic-embed-text). The same options always give\n"
               "the same file.\n\n"
               "  --arch A      architecture (default llama)\n"
               "  --preset P    tiny: embedding 256, 2 layers, 4 heads (2 KV), FFN 512, 512 tokens\n"
               "                small: embedding 512, 4 layers, 8 heads (4 KV), FFN 1536, 2048 tokens\n"
               "                1b: embedding 2048, 16 layers, 32 heads (8 KV), FFN 8192, 128256 tokens\n"
               "                encoders: tiny is 128 tokens of context, small 512; bge-small: embedding\n"
               "                384, 12 layers, 12 heads, FFN 1536, 30522 tokens, 512 context\n"
               "                (default tiny)\n"
               "  --type T      weight format; q4_k_m mixes q4_K and q6_K like llama.cpp's Q4_K_M (default "
               "f32)\n"
               "  --seed N      random seed (default 1)\n"
               "  -o FILE       where to write the model\n";
        return 0;
    }
    hearth::TestModelOptions options;
    QString output;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--arch") && hasValue)
            options.architecture = args[++i].toStdString();
        else if (a == QLatin1String("--preset") && hasValue)
            options.preset = args[++i].toStdString();
        else if (a == QLatin1String("--type") && hasValue)
            options.type = args[++i].toLower().toStdString();
        else if (a == QLatin1String("--seed") && hasValue) {
            bool ok = false;
            options.seed = args[++i].toULongLong(&ok);
            if (!ok) {
                err << "hearth-cli make-test-model: --seed needs a non-negative integer\n";
                return 2;
            }
        } else if ((a == QLatin1String("-o") || a == QLatin1String("--output")) && hasValue)
            output = args[++i];
        else {
            err << "hearth-cli make-test-model: unexpected argument '" << a << "' (see --help)\n";
            return 2;
        }
    }
    if (output.isEmpty()) {
        err << "hearth-cli make-test-model: give the output file with -o FILE (see --help)\n";
        return 2;
    }
    const hearth::TestModelShape shape = hearth::test_model_shape(options); // validates the options
    QElapsedTimer timer;
    timer.start();
    hearth::write_test_model(options, output.toStdString());
    out << "wrote " << output << ": " << QString::fromStdString(options.architecture) << " "
        << QString::fromStdString(options.preset) << " " << QString::fromStdString(options.type)
        << ", embedding " << shape.embedding << ", " << shape.layers << " layers, " << shape.vocabulary
        << " tokens, " << QString::number(double(QFileInfo(output).size()) / (1024.0 * 1024.0), 'f', 1)
        << " MiB in " << QString::number(double(timer.elapsed()) / 1000.0, 'f', 1) << " s\n";
    return 0;
}

static const CommandRegistrar
    registration("make-test-model", "write a random-weight model in real shapes, for tests and benchmarks",
                 runMakeTestModel);
