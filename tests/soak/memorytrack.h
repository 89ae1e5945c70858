#pragma once
// Resident memory of this process and the GPU memory Hearth holds, sampled through a soak run.
// The verdict compares the median of the samples just after warm-up with the median of the last
// ones, so one sample caught mid-allocation neither fails nor passes a run by itself.
#include "hearth/memory_usage.h"

#include <algorithm>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QString>
#include <unistd.h>

class MemoryTrack {
  public:
    explicit MemoryTrack(QString name) : m_name(std::move(name)) { m_clock.start(); }

    void sample()
    {
        m_resident.append(residentBytes());
        m_device.append(double(hearth::device_memory_in_use()));
    }

    // Empty when neither grew more than `limit` (0.05: 5 %) after the first `warmup` of the run
    // (0.2: a fifth); otherwise what grew. Also prints the figures and appends them to the file
    // $HEARTH_SOAK_REPORT names.
    QString verdict(double warmup = 0.2, double limit = 0.05) const
    {
        const QString resident = growth(m_resident, warmup);
        const QString device = growth(m_device, warmup);
        const QString line = QStringLiteral("%1: %2 samples in %3 s; resident %4; GPU %5")
                                 .arg(m_name)
                                 .arg(m_resident.size())
                                 .arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 0)
                                 .arg(resident, device);
        qInfo("soak %s", qPrintable(line));
        if (qEnvironmentVariableIsSet("HEARTH_SOAK_REPORT")) {
            QFile report(qEnvironmentVariable("HEARTH_SOAK_REPORT"));
            if (report.open(QIODevice::Append | QIODevice::Text))
                report.write(line.toUtf8() + '\n');
        }
        QStringList grew;
        if (ratio(m_resident, warmup) > 1 + limit)
            grew << QStringLiteral("resident memory %1").arg(resident);
        if (ratio(m_device, warmup) > 1 + limit)
            grew << QStringLiteral("GPU memory %1").arg(device);
        return grew.join(QStringLiteral("; "));
    }

  private:
    static double residentBytes()
    {
        QFile statm(QStringLiteral("/proc/self/statm"));
        if (!statm.open(QIODevice::ReadOnly))
            return 0;
        const QList<QByteArray> fields = statm.readAll().split(' ');
        return fields.size() > 1 ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) : 0;
    }

    static double median(QList<double> values)
    {
        if (values.isEmpty())
            return 0;
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    }
    // The median just after warm-up (the next tenth of the run) and of the last tenth.
    static std::pair<double, double> ends(const QList<double>& samples, double warmup)
    {
        const qsizetype n = samples.size();
        const qsizetype tenth = std::max<qsizetype>(1, n / 10);
        const qsizetype start = std::min<qsizetype>(n - 1, qsizetype(double(n) * warmup));
        return {median(samples.mid(start, tenth)), median(samples.mid(n - tenth))};
    }
    static double ratio(const QList<double>& samples, double warmup)
    {
        if (samples.size() < 2)
            return 1;
        const auto [first, last] = ends(samples, warmup);
        return first > 0 ? last / first : (last > 0 ? 2 : 1);
    }
    static QString growth(const QList<double>& samples, double warmup)
    {
        if (samples.size() < 2)
            return QStringLiteral("not sampled");
        const auto [first, last] = ends(samples, warmup);
        return QStringLiteral("%1 → %2 MiB (%3%4 %)")
            .arg(first / 1048576.0, 0, 'f', 1)
            .arg(last / 1048576.0, 0, 'f', 1)
            .arg(last >= first ? "+" : "")
            .arg(first > 0 ? 100.0 * (last - first) / first : 0.0, 0, 'f', 1);
    }

    QString m_name;
    QElapsedTimer m_clock;
    QList<double> m_resident;
    QList<double> m_device;
};
