#pragma once
// The model and sampling options shared by `generate` and `chat`: declared once, read once.
#include "engine/enginejob.h"
#include "hearth/sampler.h"

#include <QCommandLineParser>

#include <cstdint>
#include <string>

struct ModelRunOptions {
    std::string model;
    std::string device;
    uint32_t context = 4096;
    int maxTokens = 256;
    hearth::SamplingParams sampling;

    LoadRequest loadRequest() const; // the model, device and context
};

void addModelRunOptions(QCommandLineParser& parser, int defaultMaxTokens);
// Throws hearth::Error for a missing model or a value that is not a number.
ModelRunOptions readModelRunOptions(const QCommandLineParser& parser);
