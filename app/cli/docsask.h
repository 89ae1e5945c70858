#pragma once
// `hearth-cli docs ask ID "question" -m MODEL [--json]`: kept apart from the other `docs`
// actions, which need no model.
#include <QStringList>

int runDocsAsk(const QStringList& args); // args after "ask"
