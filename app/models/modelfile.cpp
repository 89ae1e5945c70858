#include "modelfile.h"

#include "hearth/gguf.h"
#include "modelserror.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>

namespace {
// general.file_type: llama.cpp's "mostly <type>" numbering, what publishers put in file names.
QString fileTypeName(uint32_t fileType)
{
    static const QMap<uint32_t, const char*> names = {
        {0, "F32"},     {1, "F16"},     {2, "Q4_0"},     {3, "Q4_1"},    {7, "Q8_0"},     {8, "Q5_0"},
        {9, "Q5_1"},    {10, "Q2_K"},   {11, "Q3_K_S"},  {12, "Q3_K_M"}, {13, "Q3_K_L"},  {14, "Q4_K_S"},
        {15, "Q4_K_M"}, {16, "Q5_K_S"}, {17, "Q5_K_M"},  {18, "Q6_K"},   {19, "IQ2_XXS"}, {20, "IQ2_XS"},
        {21, "Q2_K_S"}, {22, "IQ3_XS"}, {23, "IQ3_XXS"}, {24, "IQ1_S"},  {25, "IQ4_NL"},  {26, "IQ3_S"},
        {27, "IQ3_M"},  {28, "IQ2_S"},  {29, "IQ2_M"},   {30, "IQ4_XS"}, {31, "IQ1_M"},   {32, "BF16"}};
    const auto it = names.constFind(fileType);
    return it == names.constEnd() ? QString() : QString::fromLatin1(it.value());
}

// Without general.file_type: the type holding most of the weight bytes.
QString dominantTensorType(const hearth::GgufFile& file)
{
    QMap<QString, qint64> bytes;
    for (const hearth::GgufTensor& t : file.tensors())
        bytes[QString::fromLatin1(hearth::weight_type_name(t.type)).toUpper()] += qint64(t.bytes);
    QString best;
    for (auto it = bytes.constBegin(); it != bytes.constEnd(); ++it)
        if (best.isEmpty() || it.value() > bytes.value(best))
            best = it.key();
    return best;
}

int archInt(const hearth::GgufFile& file, const std::string& arch, const char* key)
{
    return int(file.get_or<int64_t>(arch + '.' + key, 0));
}
} // namespace

void checkGgufHeader(const QString& path)
{
    hearth::GgufFile::open(QFileInfo(path).absoluteFilePath().toStdString());
}

ModelFileInfo readModelFileInfo(const QString& path)
{
    const hearth::GgufFile file = hearth::GgufFile::open(QFileInfo(path).absoluteFilePath().toStdString());
    ModelFileInfo info;
    const std::string arch = file.get_or<std::string>("general.architecture", "");
    if (arch.empty())
        throwModelsError(QCoreApplication::translate("ModelFile", "%1 does not say which architecture it is "
                                                                  "(general.architecture is missing).")
                             .arg(QFileInfo(path).fileName()));
    info.architecture = QString::fromStdString(arch);
    info.name = QString::fromStdString(file.get_or<std::string>("general.name", ""));
    for (const hearth::GgufTensor& t : file.tensors())
        info.parameters += t.elements();
    if (file.has("general.file_type"))
        info.format = fileTypeName(file.get<uint32_t>("general.file_type"));
    if (info.format.isEmpty())
        info.format = dominantTensorType(file);
    info.contextLength = archInt(file, arch, "context_length");
    info.hasChatTemplate = file.has("tokenizer.chat_template");
    info.layers = archInt(file, arch, "block_count");
    info.embeddingLength = archInt(file, arch, "embedding_length");
    info.headCount = archInt(file, arch, "attention.head_count");
    // head_count_kv may be an array (one per layer) in some architectures: take the largest.
    if (file.has(arch + ".attention.head_count_kv")) {
        try {
            info.headCountKv = int(file.get<int64_t>(arch + ".attention.head_count_kv"));
        } catch (const hearth::Error&) {
            for (int32_t n : file.get<std::vector<int32_t>>(arch + ".attention.head_count_kv"))
                info.headCountKv = qMax(info.headCountKv, int(n));
        }
    }
    info.keyLength = archInt(file, arch, "attention.key_length");
    info.valueLength = archInt(file, arch, "attention.value_length");
    return info;
}
