#pragma once
// Waiting for the engine service from code that runs top to bottom (the CLI, tests): each call
// runs a local event loop until the service answers. The window never waits like this.
#include "engineservice.h"

#include <functional>

struct LoadOutcome : LoadedModel {
    QString error; // empty when the model loaded
};

LoadOutcome loadModelAndWait(EngineService& engine, const LoadRequest& request,
                             const std::function<void(double fraction)>& progress = {});

struct JobOutcome {
    QString error; // empty when the job finished (cancelled included)
    QString text;  // every piece, in order
    JobStats stats;
};

// A refused submission (busy) comes back as an error too.
JobOutcome runJobAndWait(EngineService& engine, const EngineJob& job,
                         const std::function<void(const QString& piece)>& onPiece = {});
