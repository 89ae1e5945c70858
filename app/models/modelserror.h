#pragma once
// Errors of the models subsystem travel as hearth::Error, like the engine's, with a translated
// message the user can act on.
#include "hearth/error.h"

#include <QString>

[[noreturn]] inline void throwModelsError(const QString& message)
{
    throw hearth::Error(message.toStdString());
}
