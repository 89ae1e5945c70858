#pragma once
// Makes app/core's NetworkGate known to QML by name. QML never creates one: main.cpp owns the
// gate and hands it to the window as its networkGate property.
#include "core/networkgate.h"

#include <QtQml/qqml.h>

struct NetworkGateForeign {
    Q_GADGET
    QML_FOREIGN(NetworkGate)
    QML_NAMED_ELEMENT(NetworkGate)
    QML_UNCREATABLE("The window is given its NetworkGate by main.cpp.")
};
