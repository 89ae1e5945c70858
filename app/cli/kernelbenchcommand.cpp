// hearth-cli kernel-bench: per kernel and format, GPU time and effective GB/s and GFLOP/s on the
// current device (the engine's run_kernel_bench does the work).
#include "command.h"
#include "hearth/kernel_bench.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

int runKernelBench(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    hearth::KernelBenchOptions options;
    bool json = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == QLatin1String("--help")) {
            out << "usage: hearth-cli kernel-bench [--json] [--device N|NAME] [--filter TEXT] [--repeats "
                   "N]\n\n"
                   "Times every GPU kernel on model-sized shapes with GPU timestamps and prints, per kernel\n"
                   "and format, the median time of one run and its effective GB/s (bytes it must move) and\n"
                   "GFLOP/s. A benchmark, not a test: the numbers depend on the device and its load.\n\n"
                   "  --json           print one JSON object instead of a table\n"
                   "  --device N|NAME  the device to measure (default: the one Hearth picks)\n"
                   "  --filter TEXT    only cases whose 'kernel format shape' contains TEXT\n"
                   "  --repeats N      timed runs per case (default 10)\n";
            return 0;
        } else if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--device") && has_value) {
            options.device = args[++i].toStdString();
        } else if (a == QLatin1String("--filter") && has_value) {
            options.filter = args[++i].toStdString();
        } else if (a == QLatin1String("--repeats") && has_value) {
            bool ok = false;
            options.repeats = args[++i].toInt(&ok);
            if (!ok || options.repeats < 1) {
                err << "hearth-cli kernel-bench: --repeats needs a positive number\n";
                return 2;
            }
        } else {
            err << "hearth-cli kernel-bench: unknown or incomplete option '" << a << "' (see --help)\n";
            return 2;
        }
    }

    auto row = [](const hearth::KernelBenchResult& r) {
        return QStringLiteral("%1 %2 %3 %4 %5 %6")
            .arg(QString::fromStdString(r.kernel), -20)
            .arg(QString::fromStdString(r.format), -7)
            .arg(QString::fromStdString(r.shape), -26)
            .arg(r.milliseconds * 1000.0, 12, 'f', 1)
            .arg(r.gigabytes_per_second(), 9, 'f', 2)
            .arg(r.flops > 0 ? QString::number(r.gigaflops_per_second(), 'f', 2) : QStringLiteral("-"), 9);
    };
    if (!json) {
        options.on_result = [&](const hearth::KernelBenchResult& r) {
            out << row(r) << "\n";
            out.flush();
        };
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(QStringLiteral("kernel"), -20)
                   .arg(QStringLiteral("format"), -7)
                   .arg(QStringLiteral("shape"), -26)
                   .arg(QStringLiteral("time (us)"), 12)
                   .arg(QStringLiteral("GB/s"), 9)
                   .arg(QStringLiteral("GFLOP/s"), 9);
        out.flush();
    }
    const hearth::KernelBenchReport report = hearth::run_kernel_bench(options);
    if (json) {
        QJsonArray results;
        for (const hearth::KernelBenchResult& r : report.results)
            results.append(QJsonObject{{"kernel", QString::fromStdString(r.kernel)},
                                       {"format", QString::fromStdString(r.format)},
                                       {"shape", QString::fromStdString(r.shape)},
                                       {"microseconds", r.milliseconds * 1000.0},
                                       {"bytes", r.bytes},
                                       {"flops", r.flops},
                                       {"gb_per_s", r.gigabytes_per_second()},
                                       {"gflop_per_s", r.gigaflops_per_second()}});
        out << QJsonDocument(QJsonObject{{"device", QString::fromStdString(report.device)},
                                         {"repeats", options.repeats},
                                         {"results", results}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << "device: " << QString::fromStdString(report.device) << ", median of " << options.repeats
            << " runs per kernel\n";
    }
    return 0;
}

static const CommandRegistrar
    registration("kernel-bench", "time every GPU kernel: GB/s and GFLOP/s on this device", runKernelBench);
