#include "loadprogress.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <unistd.h>

hearth::LoadOptions terminalLoadProgress(const std::string& modelPath)
{
    hearth::LoadOptions options;
    if (!isatty(STDERR_FILENO))
        return options;
    const std::string name = std::filesystem::path(modelPath).filename().string();
    auto shown = std::make_shared<int>(-1);
    options.progress = [name, shown](double fraction) {
        const int percent = int(fraction * 100.0);
        if (percent != *shown) {
            *shown = percent;
            if (percent >= 100)
                std::fprintf(stderr, "\r\033[K");
            else
                std::fprintf(stderr, "\rloading %s %3d%%", name.c_str(), percent);
            std::fflush(stderr);
        }
        return true;
    };
    return options;
}
