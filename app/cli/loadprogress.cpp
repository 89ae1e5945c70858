#include "loadprogress.h"

#include "hearth/error.h"

#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

LoadOutcome loadModelForCli(EngineService& engine, const LoadRequest& request)
{
    QObject::connect(&engine, &EngineService::warning, &engine, [](const QString& text) {
        std::fprintf(stderr, "note: %s\n", qPrintable(text));
    });
    const bool terminal = isatty(STDERR_FILENO);
    const QByteArray name = QFileInfo(request.path).fileName().toUtf8();
    int shown = -1;
    const LoadOutcome outcome = loadModelAndWait(engine, request, [&](double fraction) {
        const int percent = int(fraction * 100.0);
        if (!terminal || percent == shown)
            return;
        shown = percent;
        if (percent >= 100)
            std::fprintf(stderr, "\r\033[K");
        else
            std::fprintf(stderr, "\rloading %s %3d%%", name.constData(), percent);
        std::fflush(stderr);
    });
    if (terminal && shown >= 0 && shown < 100)
        std::fprintf(stderr, "\r\033[K");
    if (!outcome.error.isEmpty())
        throw hearth::Error(outcome.error.toStdString());
    return outcome;
}
