#pragma once
// Readers throw hearth::Error with one sentence saying what is wrong with the file and what to do;
// DocumentReader puts the file's name in front.
#include "hearth/error.h"

#include <QCoreApplication>
#include <QString>

namespace documents {

inline QString tr(const char* text)
{
    return QCoreApplication::translate("Documents", text);
}

[[noreturn]] inline void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

} // namespace documents
