#pragma once
// Loading a model into a command's engine service: "loading NAME  42%" redrawn in place on
// stderr while the weights upload, erased when done (nothing is drawn when stderr is not a
// terminal, so scripts and --json output stay clean). From then on the service's warnings (CPU
// fallback, weights in system memory, a chat template that could not be used) are printed on
// stderr as "note: ...". Throws hearth::Error when the model cannot be loaded.
#include "engine/enginewait.h"

LoadOutcome loadModelForCli(EngineService& engine, const LoadRequest& request);

// Writes a piece of a streamed answer to stdout at once (its UTF-8 bytes, flushed).
void printPiece(const QString& piece);
