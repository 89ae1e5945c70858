#include "catalog.h"

#include "modelserror.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Catalog", text);
}

QString requiredString(const QJsonObject& o, const char* key, int index)
{
    const QString value = o.value(QLatin1String(key)).toString();
    if (value.isEmpty())
        throwModelsError(tr("Catalog entry %1 has no \"%2\".").arg(index).arg(QLatin1String(key)));
    return value;
}

CatalogEntry parseEntry(const QJsonObject& o, int index)
{
    CatalogEntry e;
    e.id = requiredString(o, "id", index);
    e.name = requiredString(o, "name", index);
    e.repo = requiredString(o, "repo", index);
    e.file = requiredString(o, "file", index);
    if (e.file.contains(QLatin1Char('/')) || e.file.contains(QLatin1String("..")) ||
        !e.file.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
        throwModelsError(tr("Catalog entry %1 names an invalid file.").arg(e.id));
    e.family = o.value(QLatin1String("family")).toString();
    e.architecture = o.value(QLatin1String("architecture")).toString();
    e.parameters = o.value(QLatin1String("parameters")).toInteger();
    e.format = o.value(QLatin1String("format")).toString();
    e.contextLength = o.value(QLatin1String("contextLength")).toInt();
    e.license = o.value(QLatin1String("license")).toString();
    e.description = o.value(QLatin1String("description")).toString();
    e.size = o.value(QLatin1String("size")).toInteger(-1);
    e.sha256 = o.value(QLatin1String("sha256")).toString().toLower();
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    if (!e.sha256.isEmpty() && !hex64.match(e.sha256).hasMatch())
        throwModelsError(tr("Catalog entry %1 has a malformed sha256.").arg(e.id));
    return e;
}
} // namespace

Catalog Catalog::fromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throwModelsError(tr("The model catalog is not valid JSON: %1.").arg(error.errorString()));
    const QJsonValue models = doc.object().value(QLatin1String("models"));
    if (!models.isArray())
        throwModelsError(tr("The model catalog has no \"models\" list."));
    Catalog catalog;
    int index = 0;
    for (const QJsonValue& v : models.toArray()) {
        CatalogEntry entry = parseEntry(v.toObject(), index++);
        if (catalog.find(entry.id))
            throwModelsError(tr("The model catalog lists %1 twice.").arg(entry.id));
        catalog.m_entries.append(std::move(entry));
    }
    return catalog;
}

Catalog Catalog::bundled()
{
    QFile file(QStringLiteral(":/hearth/catalog.json"));
    if (!file.open(QIODevice::ReadOnly))
        throwModelsError(tr("The bundled model catalog is missing from this build."));
    return fromJson(file.readAll());
}

Catalog Catalog::load(const QString& cachePath)
{
    QFile file(cachePath);
    if (!cachePath.isEmpty() && file.open(QIODevice::ReadOnly)) {
        try {
            return fromJson(file.readAll());
        } catch (const hearth::Error&) {
            // A damaged refreshed copy must not hide the catalog: fall back to the bundled one.
        }
    }
    return bundled();
}

const CatalogEntry* Catalog::find(const QString& id) const
{
    for (const CatalogEntry& e : m_entries)
        if (e.id.compare(id, Qt::CaseInsensitive) == 0)
            return &e;
    return nullptr;
}

const CatalogEntry* Catalog::findFile(const QString& repo, const QString& file) const
{
    for (const CatalogEntry& e : m_entries)
        if (e.repo == repo && e.file == file)
            return &e;
    return nullptr;
}
