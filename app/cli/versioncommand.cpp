#include "command.h"
#include "hearth/version.h"

#include <QStringList>
#include <QTextStream>

int runVersion(const QStringList&)
{
    QTextStream(stdout) << "hearth " << hearth::kVersion << "\n";
    return 0;
}

static const CommandRegistrar registration("version", "print Hearth's version", runVersion);
