// hearth-cli info: what a GGUF model file holds, without loading it (the file is mapped and only
// its header read).
#include "command.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/model_summary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

// 1185376 -> "1,185,376"
QString grouped(uint64_t n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

// 1234567 -> "1.23M"
QString shortCount(int64_t n)
{
    const char* suffixes[] = {"", "K", "M", "B", "T"};
    double value = double(n);
    int i = 0;
    while (value >= 1000.0 && i < 4) {
        value /= 1000.0;
        ++i;
    }
    return i == 0 ? QString::number(n)
                  : QString::number(value, 'f',
                                    value < 10    ? 2
                                    : value < 100 ? 1
                                                  : 0) +
                        suffixes[i];
}

QString bytesText(uint64_t bytes)
{
    const double mib = double(bytes) / (1024.0 * 1024.0);
    if (mib >= 1024.0)
        return QString::number(mib / 1024.0, 'f', 2) + QStringLiteral(" GiB");
    if (mib >= 1.0)
        return QString::number(mib, 'f', 1) + QStringLiteral(" MiB");
    return QString::number(double(bytes) / 1024.0, 'f', 1) + QStringLiteral(" KiB");
}

QString optionalText(const std::optional<int64_t>& v)
{
    return v ? QString::number(*v) : QStringLiteral("-");
}

QJsonValue optionalJson(const std::optional<int64_t>& v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}

QJsonObject toJson(const hearth::ModelSummary& s)
{
    QJsonArray types;
    for (const hearth::WeightTypeUsage& u : s.weight_types)
        types.append(QJsonObject{{"type", hearth::weight_type_name(u.type)},
                                 {"tensors", double(u.tensors)},
                                 {"bytes", double(u.bytes)}});
    QJsonObject rope{{"dimension_count", optionalJson(s.rope_dimension_count)},
                     {"freq_base", double(s.rope_freq_base)},
                     {"freq_base_is_default", s.rope_freq_base_is_default}};
    if (!s.rope_scaling_type.empty())
        rope["scaling_type"] = text(s.rope_scaling_type);
    if (s.rope_scaling_factor)
        rope["scaling_factor"] = double(*s.rope_scaling_factor);
    return QJsonObject{
        {"file", text(s.path)},
        {"file_size", double(s.file_size)},
        {"gguf_version", double(s.gguf_version)},
        {"shards", double(s.shard_count)},
        {"tensor_count", double(s.tensor_count)},
        {"metadata_count", double(s.metadata_count)},
        {"architecture", text(s.architecture)},
        {"name", text(s.name)},
        {"file_type", s.file_type ? QJsonValue(text(hearth::file_type_name(*s.file_type))) : QJsonValue()},
        {"parameters", double(s.parameters)},
        {"weight_types", types},
        {"context_length", optionalJson(s.context_length)},
        {"block_count", optionalJson(s.block_count)},
        {"embedding_length", optionalJson(s.embedding_length)},
        {"feed_forward_length", optionalJson(s.feed_forward_length)},
        {"head_count", optionalJson(s.head_count)},
        {"head_count_kv", optionalJson(s.head_count_kv)},
        {"rope", rope},
        {"tokenizer_model", text(s.tokenizer_model)},
        {"tokenizer_pre", s.tokenizer_pre.empty() ? QJsonValue() : QJsonValue(text(s.tokenizer_pre))},
        {"vocabulary_size", double(s.vocabulary_size)},
        {"bos_token_id", optionalJson(s.bos_token_id)},
        {"eos_token_id", optionalJson(s.eos_token_id)},
        {"chat_template", s.has_chat_template},
    };
}

void printText(QTextStream& out, const hearth::ModelSummary& s)
{
    const auto row = [&](const char* label, const QString& value) {
        out << QString::fromLatin1(label).leftJustified(15) << value << "\n";
    };
    row("file", text(s.path));
    row("size", bytesText(s.file_size) + " (" + grouped(s.file_size) + " bytes), GGUF v" +
                    QString::number(s.gguf_version) + ", " + QString::number(s.tensor_count) + " tensors, " +
                    QString::number(s.metadata_count) + " metadata keys" +
                    (s.shard_count > 1 ? ", " + QString::number(s.shard_count) + " parts" : QString()));
    row("architecture", s.architecture.empty() ? QStringLiteral("-") : text(s.architecture));
    row("name", s.name.empty() ? QStringLiteral("-") : text(s.name));
    row("parameters", shortCount(s.parameters) + " (" + grouped(uint64_t(s.parameters)) + ")");
    if (s.file_type)
        row("file type",
            text(hearth::file_type_name(*s.file_type)) + " (" + QString::number(*s.file_type) + ")");
    QStringList types;
    for (const hearth::WeightTypeUsage& u : s.weight_types)
        types << QString("%1 %2 in %3 %4")
                     .arg(hearth::weight_type_name(u.type), bytesText(u.bytes))
                     .arg(u.tensors)
                     .arg(u.tensors == 1 ? "tensor" : "tensors");
    row("weights",
        types.isEmpty() ? QStringLiteral("none (vocabulary only)") : types.join(QStringLiteral(", ")));
    row("context", optionalText(s.context_length));
    row("layers", optionalText(s.block_count));
    row("embedding", optionalText(s.embedding_length));
    row("feed-forward", optionalText(s.feed_forward_length));
    row("heads", optionalText(s.head_count) + " (kv heads " + optionalText(s.head_count_kv) + ")");
    QString rope = "dimensions " + optionalText(s.rope_dimension_count) + ", base " +
                   QString::number(double(s.rope_freq_base), 'g', 9) +
                   (s.rope_freq_base_is_default ? " (default)" : "");
    if (!s.rope_dimension_count && s.rope_freq_base_is_default)
        rope = QStringLiteral("- (no RoPE keys; RoPE models then use the full head and base 10000)");
    if (!s.rope_scaling_type.empty())
        rope += ", scaling " + text(s.rope_scaling_type) +
                (s.rope_scaling_factor ? " x" + QString::number(double(*s.rope_scaling_factor)) : QString());
    row("rope", rope);
    row("tokenizer", (s.tokenizer_model.empty() ? QStringLiteral("-") : text(s.tokenizer_model)) +
                         ", pre-tokenizer " +
                         (s.tokenizer_pre.empty() ? QStringLiteral("- (none)") : text(s.tokenizer_pre)) +
                         ", " + QString::number(s.vocabulary_size) + " tokens");
    row("bos / eos", optionalText(s.bos_token_id) + " / " + optionalText(s.eos_token_id));
    row("chat template", s.has_chat_template ? QStringLiteral("yes") : QStringLiteral("no"));
}

} // namespace

int runInfo(const QStringList& args)
{
    QTextStream out(stdout);
    if (args.contains(QLatin1String("--help"))) {
        out << "usage: hearth-cli info FILE [--json] [--keys]\n\n"
               "Describes a GGUF model file without loading it: architecture, name, parameter count, file\n"
               "size, the bytes stored in each weight format, context length, layers, heads and KV heads,\n"
               "embedding size, RoPE settings, tokenizer and pre-tokenizer, vocabulary size, BOS/EOS ids "
               "and\n"
               "whether a chat template is present. For a split model give any part\n"
               "(NAME-00001-of-00003.gguf); all parts are read.\n\n"
               "  --json   print a JSON object instead of text\n"
               "  --keys   also list every metadata key with its type and (shortened) value\n";
        return 0;
    }
    QString path;
    bool json = false, keys = false;
    for (const QString& a : args) {
        if (a == QLatin1String("--json"))
            json = true;
        else if (a == QLatin1String("--keys"))
            keys = true;
        else if (a.startsWith(QLatin1String("--")) || !path.isEmpty()) {
            QTextStream(stderr) << "hearth-cli info: unexpected argument '" << a << "' (see --help)\n";
            return 2;
        } else
            path = a;
    }
    if (path.isEmpty()) {
        QTextStream(stderr) << "hearth-cli info: give the model file (see --help)\n";
        return 2;
    }
    const hearth::GgufFile file = hearth::GgufFile::open(path.toStdString());
    const hearth::ModelSummary summary = hearth::summarize_model(file);
    if (json) {
        QJsonObject o = toJson(summary);
        if (keys) {
            QJsonArray list;
            for (const hearth::GgufKeyInfo& k : file.metadata())
                list.append(QJsonObject{{"key", text(k.key)},
                                        {"type", text(k.type_text())},
                                        {"value", text(file.value_text(k.key))}});
            o["metadata"] = list;
        }
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }
    printText(out, summary);
    if (keys) {
        out << "\nmetadata\n";
        for (const hearth::GgufKeyInfo& k : file.metadata())
            out << "  " << text(k.key) << " (" << text(k.type_text())
                << ") = " << text(file.value_text(k.key)) << "\n";
    }
    return 0;
}

static const CommandRegistrar
    registration("info", "describe a GGUF model file: architecture, size, formats, shape, tokenizer",
                 runInfo);
