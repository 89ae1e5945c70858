#pragma once
// Main.qml makes the window's one EngineService and hands it to the controllers that use it.
// The service lives in app/engine/, which knows nothing of QML, so it is registered here.
#include "engine/engineservice.h"

#include <QtQml/qqml.h>

struct EngineServiceForeign {
    Q_GADGET
    QML_FOREIGN(EngineService)
    QML_NAMED_ELEMENT(EngineService)
};
