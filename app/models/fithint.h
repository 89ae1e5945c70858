#pragma once
// Will a model run on a device? An estimate of the memory its weights, KV cache and working
// buffers take at a context length, held against the device's memory.
#include <QString>

struct ModelFileInfo;
namespace hearth {
struct DeviceInfo;
}

struct MemoryEstimate {
    qint64 weights = 0;
    qint64 kvCache = 0;
    qint64 workspace = 0; // activations, logits, driver slack
    qint64 total() const { return weights + kvCache + workspace; }
};

enum class Fit { Fits, FitsPartly, TooLarge };

// weightsBytes: the tensor data (about the file size). The KV cache is f16 K and V per layer.
MemoryEstimate estimateMemory(const ModelFileInfo& info, qint64 weightsBytes, int contextLength);

// Weight bytes of a model not downloaded yet, from its parameter count and weight format
// ("Q4_K_M"); -1 for a format it does not know.
qint64 estimateWeightBytes(qint64 parameters, const QString& format);

// deviceMemory: the chosen device's own memory; hostMemory: system memory the device can spill to
// (0 for integrated and CPU devices, whose device memory already is system memory).
Fit fitHint(qint64 neededBytes, qint64 deviceMemory, qint64 hostMemory);

// What fitHint needs from a device: a discrete GPU's own memory and the system memory it can
// reach; for integrated and CPU devices, whose memory is system memory, that memory only.
struct DeviceMemory {
    qint64 device = 0;
    qint64 host = 0;
};
DeviceMemory deviceMemory(const hearth::DeviceInfo& device);

// "fits", "fits partly (runs slower)", "too large" (translated).
QString fitText(Fit fit);
