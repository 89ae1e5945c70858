#include "fithint.h"

#include "hearth/devices.h"
#include "modelfile.h"

#include <QCoreApplication>
#include <QHash>

MemoryEstimate estimateMemory(const ModelFileInfo& info, qint64 weightsBytes, int contextLength)
{
    MemoryEstimate e;
    e.weights = weightsBytes;
    const int heads = qMax(1, info.headCount);
    const int kvHeads = info.headCountKv > 0 ? info.headCountKv : heads;
    const qint64 keyLength = info.keyLength > 0 ? info.keyLength : info.embeddingLength / heads;
    const qint64 valueLength = info.valueLength > 0 ? info.valueLength : keyLength;
    constexpr qint64 f16 = 2;
    e.kvCache = qint64(info.layers) * contextLength * kvHeads * (keyLength + valueLength) * f16;
    // Activations for one batch are small next to the weights; logits, staging and the driver's own
    // allocations are what remains. One twentieth of the weights, at least 64 MiB, covers them.
    e.workspace = qMax<qint64>(64ll << 20, weightsBytes / 20);
    return e;
}

qint64 estimateWeightBytes(qint64 parameters, const QString& format)
{
    // Average bits per weight of whole files in each format (mixed formats keep some tensors,
    // like the output projection, at higher precision).
    static const QHash<QString, double> bitsPerWeight = {
        {"F32", 32.0},   {"F16", 16.0},   {"BF16", 16.0},  {"Q8_0", 8.5},   {"Q6_K", 6.6},
        {"Q5_K_M", 5.7}, {"Q5_K_S", 5.5}, {"Q5_0", 5.5},   {"Q4_K_M", 4.9}, {"Q4_K_S", 4.6},
        {"Q4_0", 4.6},   {"IQ4_XS", 4.3}, {"IQ4_NL", 4.5}, {"Q3_K_M", 3.9}, {"Q2_K", 3.0}};
    const auto it = bitsPerWeight.constFind(format.toUpper());
    return it == bitsPerWeight.constEnd() ? -1 : qint64(double(parameters) * it.value() / 8.0);
}

Fit fitHint(qint64 neededBytes, qint64 deviceMemory, qint64 hostMemory)
{
    // The desktop, the compositor and other programs keep some of the device's memory.
    const qint64 usableDevice = deviceMemory / 10 * 9;
    if (neededBytes <= usableDevice)
        return Fit::Fits;
    // Layers that do not fit stay in system memory, of which half is a fair share.
    if (neededBytes <= usableDevice + hostMemory / 2)
        return Fit::FitsPartly;
    return Fit::TooLarge;
}

DeviceMemory deviceMemory(const hearth::DeviceInfo& device)
{
    DeviceMemory memory;
    for (const hearth::MemoryHeap& heap : device.heaps) {
        const bool own = heap.device_local || device.type != hearth::DeviceType::Discrete;
        qint64& slot = own ? memory.device : memory.host;
        slot = qMax(slot, qint64(heap.size));
    }
    return memory;
}

QString fitText(Fit fit)
{
    switch (fit) {
    case Fit::Fits:
        return QCoreApplication::translate("FitHint", "fits");
    case Fit::FitsPartly:
        return QCoreApplication::translate("FitHint", "fits partly (runs slower)");
    case Fit::TooLarge:
        break;
    }
    return QCoreApplication::translate("FitHint", "too large");
}
