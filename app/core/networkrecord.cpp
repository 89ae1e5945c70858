#include "networkrecord.h"

QJsonObject NetworkRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("host"), host},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("purpose"), purpose},
                       {QStringLiteral("bytes_in"), bytesIn},
                       {QStringLiteral("bytes_out"), bytesOut},
                       {QStringLiteral("result"), result},
                       {QStringLiteral("refused"), refused}};
}

NetworkRecord NetworkRecord::fromJson(const QJsonObject& object)
{
    NetworkRecord record;
    record.time = QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    record.host = object.value(QStringLiteral("host")).toString();
    record.url = object.value(QStringLiteral("url")).toString();
    record.purpose = object.value(QStringLiteral("purpose")).toString();
    record.bytesIn = object.value(QStringLiteral("bytes_in")).toInteger();
    record.bytesOut = object.value(QStringLiteral("bytes_out")).toInteger();
    record.result = object.value(QStringLiteral("result")).toString();
    record.refused = object.value(QStringLiteral("refused")).toBool();
    record.finished = true;
    return record;
}
