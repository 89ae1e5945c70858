#include "jsonfields.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace jsonfields {

namespace {

ApiError wrongType(const QString& key, const char* expected)
{
    return {400, QStringLiteral("'%1' must be %2").arg(key, QLatin1String(expected)), key,
            QStringLiteral("invalid_type")};
}

bool absent(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

QJsonObject parseObject(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError{400,
                       QStringLiteral("the body is not valid JSON: %1 at offset %2")
                           .arg(error.errorString())
                           .arg(error.offset),
                       {},
                       QStringLiteral("invalid_json")};
    if (!document.isObject())
        throw ApiError{
            400, QStringLiteral("the body must be a JSON object"), {}, QStringLiteral("invalid_json")};
    return document.object();
}

std::optional<QString> string(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (absent(value))
        return std::nullopt;
    if (!value.isString())
        throw wrongType(key, "a string");
    return value.toString();
}

std::optional<bool> boolean(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (absent(value))
        return std::nullopt;
    if (!value.isBool())
        throw wrongType(key, "true or false");
    return value.toBool();
}

std::optional<double> number(const QJsonObject& object, const QString& key, double min, double max)
{
    const QJsonValue value = object.value(key);
    if (absent(value))
        return std::nullopt;
    if (!value.isDouble())
        throw wrongType(key, "a number");
    const double n = value.toDouble();
    if (!std::isfinite(n) || n < min || n > max)
        throw ApiError{400, QStringLiteral("'%1' must be between %2 and %3").arg(key).arg(min).arg(max), key,
                       QStringLiteral("invalid_value")};
    return n;
}

std::optional<qint64> integer(const QJsonObject& object, const QString& key, qint64 min, qint64 max)
{
    const std::optional<double> n = number(object, key, double(min), double(max));
    if (!n)
        return std::nullopt;
    if (std::floor(*n) != *n)
        throw wrongType(key, "a whole number");
    return qint64(*n);
}

std::optional<QJsonObject> object(const QJsonObject& parent, const QString& key)
{
    const QJsonValue value = parent.value(key);
    if (absent(value))
        return std::nullopt;
    if (!value.isObject())
        throw wrongType(key, "an object");
    return value.toObject();
}

QStringList stringOrList(const QJsonObject& object, const QString& key, int maxCount)
{
    const QJsonValue value = object.value(key);
    if (absent(value))
        return {};
    if (value.isString())
        return {value.toString()};
    if (!value.isArray())
        throw wrongType(key, "a string or a list of strings");
    const QJsonArray array = value.toArray();
    if (array.size() > maxCount)
        throw ApiError{400, QStringLiteral("'%1' may hold at most %2 strings").arg(key).arg(maxCount), key,
                       QStringLiteral("invalid_value")};
    QStringList list;
    for (const QJsonValue& item : array) {
        if (!item.isString())
            throw wrongType(key, "a string or a list of strings");
        list.append(item.toString());
    }
    return list;
}

} // namespace jsonfields
