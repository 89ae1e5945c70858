#include "fithint.h"

#include "modelfile.h"

#include <QCoreApplication>

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
