#include "loadprogress.h"

#include "hearth/error.h"

#include <QFileInfo>
#include <QSet>

#include <cstdio>
#include <memory>
#include <unistd.h>

void printPiece(const QString& piece)
{
    const QByteArray bytes = piece.toUtf8();
    std::fwrite(bytes.data(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

LoadOutcome loadModelForCli(EngineService& engine, const LoadRequest& request)
{
    // Each job may warn again (a template fallback is met by every chat job): once is enough.
    auto warned = std::make_shared<QSet<QString>>();
    QObject::connect(&engine, &EngineService::warning, &engine, [warned](const QString& text) {
        if (!warned->contains(text)) {
            warned->insert(text);
            std::fprintf(stderr, "note: %s\n", qPrintable(text));
        }
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
