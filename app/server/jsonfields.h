#pragma once
// Reading a request's JSON fields with their types and ranges checked: a field that is absent
// (or null) gives std::nullopt, one of the wrong type or out of range throws ApiError (400)
// naming it, so the handlers never guess at what a client meant.
#include "apierror.h"

#include <optional>
#include <QJsonObject>
#include <QStringList>

namespace jsonfields {

// The most messages one chat request may hold (both APIs).
constexpr int kMaxMessages = 1000;

// The body as one JSON object; throws ApiError for anything else.
QJsonObject parseObject(const QByteArray& body);

std::optional<QString> string(const QJsonObject& object, const QString& key);
std::optional<bool> boolean(const QJsonObject& object, const QString& key);
std::optional<double> number(const QJsonObject& object, const QString& key, double min, double max);
std::optional<qint64> integer(const QJsonObject& object, const QString& key, qint64 min, qint64 max);
std::optional<QJsonObject> object(const QJsonObject& object, const QString& key);
// A string or a list of strings (the "stop" of both APIs), at most `maxCount`.
QStringList stringOrList(const QJsonObject& object, const QString& key, int maxCount);

} // namespace jsonfields
