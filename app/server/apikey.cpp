#include "apikey.h"

#include <array>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>

namespace api_key {

QString generate()
{
    std::array<quint32, 8> words{};
    // QRandomGenerator::system() reads the operating system's CSPRNG (getrandom on Linux), never
    // a seeded generator.
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char*>(words.data()), qsizetype(sizeof(words)));
    return QStringLiteral("hearth-") + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding |
                                                                          QByteArray::OmitTrailingEquals));
}

SecretFile file(const QString& configDir)
{
    return SecretFile(QDir(configDir).filePath(QStringLiteral("api-key")),
                      QCoreApplication::translate("LocalApiController", "API key"));
}

} // namespace api_key
