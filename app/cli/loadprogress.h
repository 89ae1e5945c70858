#pragma once
// Load options that show a model's upload to the GPU on a terminal: "loading NAME  42%" redrawn
// in place on stderr, erased when done. Nothing is drawn when stderr is not a terminal, so
// scripts and --json output stay clean.
#include "hearth/engine.h"

#include <string>

hearth::LoadOptions terminalLoadProgress(const std::string& modelPath);
