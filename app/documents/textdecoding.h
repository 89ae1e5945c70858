#pragma once
// Bytes of a text file to a QString: the encoding comes from a byte-order mark, else from
// uchardet's guess; it is never assumed. Binary data (NUL bytes, many control characters) is
// refused rather than shown as garbage. Throws hearth::Error with the reason.
#include <QByteArray>
#include <QString>

namespace documents {

QString decodeText(const QByteArray& bytes);

// The encoding decodeText would use ("UTF-8", "UTF-16LE", "WINDOWS-1252", ...).
QString detectEncoding(const QByteArray& bytes);

} // namespace documents
