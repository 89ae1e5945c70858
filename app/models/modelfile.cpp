#include "modelfile.h"

#include "modelserror.h"

#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ModelFile", text);
}
} // namespace

void checkGgufHeader(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throwModelsError(tr("cannot open %1: %2").arg(path, file.errorString()));
    const QByteArray header = file.read(24);
    if (header.size() < 24 || !header.startsWith("GGUF"))
        throwModelsError(tr("not a GGUF file"));
    const quint32 version = qFromLittleEndian<quint32>(header.constData() + 4);
    if (version < 2 || version > 3)
        throwModelsError(tr("GGUF version %1 is not supported").arg(version));
}

ModelFileInfo readModelFileInfo(const QString& path)
{
    checkGgufHeader(path);
    return {};
}
