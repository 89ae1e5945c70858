// hearth-cli devices: every Vulkan device, what it supports, and which one Hearth would use.
#include "command.h"
#include "hearth/devices.h"
#include "hearth/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

namespace {

QString gib(uint64_t bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0 * 1024.0), 'f', 1) + QStringLiteral(" GiB");
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QJsonObject toJson(const hearth::DeviceInfo& d, bool chosen)
{
    QJsonArray heaps;
    for (const hearth::MemoryHeap& h : d.heaps)
        heaps.append(QJsonObject{{"bytes", double(h.size)}, {"device_local", h.device_local}});
    return QJsonObject{
        {"index", d.index},
        {"name", QString::fromStdString(d.name)},
        {"type", hearth::device_type_name(d.type)},
        {"driver", QString::fromStdString(d.driver)},
        {"api_version", QString::fromStdString(d.api_version)},
        {"memory_heaps", heaps},
        {"subgroup_size", int(d.subgroup_size)},
        {"subgroup_arithmetic", d.subgroup_arithmetic},
        {"fp16", d.fp16},
        {"int8", d.int8},
        {"storage_16bit", d.storage16},
        {"storage_8bit", d.storage8},
        {"integer_dot_product", d.integer_dot_product},
        {"cooperative_matrix", d.cooperative_matrix},
        {"max_storage_buffer_range", double(d.max_storage_buffer_range)},
        {"usable", d.usable},
        {"reason", QString::fromStdString(d.reason)},
        {"chosen", chosen},
    };
}

} // namespace

int runDevices(const QStringList& args)
{
    QTextStream out(stdout);
    if (args.contains(QLatin1String("--help"))) {
        out << "usage: hearth-cli devices [--json]\n\n"
               "Lists every Vulkan device: name, type, driver, memory heaps, subgroup size and support for\n"
               "fp16, int8, 16/8-bit storage, integer dot product and cooperative matrix. A device Hearth\n"
               "cannot use is listed with the reason. '*' marks the device Hearth picks (HEARTH_DEVICE or\n"
               "--device N|NAME on other commands choose another).\n\n"
               "  --json   print a JSON array instead of text\n";
        return 0;
    }
    for (const QString& a : args)
        if (a != QLatin1String("--json")) {
            QTextStream(stderr) << "hearth-cli devices: unknown option '" << a << "' (see --help)\n";
            return 2;
        }

    const std::vector<hearth::DeviceInfo> devices = hearth::list_devices(); // throws: no loader / no device
    int chosen = -1;
    QString problem;
    try {
        chosen = hearth::choose_device(devices).index;
    } catch (const hearth::Error& e) {
        problem = QString::fromUtf8(e.what());
    }

    if (args.contains(QLatin1String("--json"))) {
        QJsonArray list;
        for (const hearth::DeviceInfo& d : devices)
            list.append(toJson(d, d.index == chosen));
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    } else {
        for (const hearth::DeviceInfo& d : devices) {
            out << (d.index == chosen ? "* " : "  ") << d.index << "  " << QString::fromStdString(d.name)
                << "  [" << hearth::device_type_name(d.type) << "]"
                << (d.usable ? QString()
                             : QStringLiteral("  NOT USABLE: ") + QString::fromStdString(d.reason))
                << "\n";
            out << "     driver " << QString::fromStdString(d.driver) << ", Vulkan "
                << QString::fromStdString(d.api_version) << "\n";
            QStringList heaps;
            for (const hearth::MemoryHeap& h : d.heaps)
                heaps << gib(h.size) +
                             (h.device_local ? QStringLiteral(" device-local") : QStringLiteral(" host"));
            out << "     memory " << heaps.join(QStringLiteral(", ")) << "\n";
            out << "     subgroup " << d.subgroup_size << (d.subgroup_arithmetic ? " (arithmetic)" : "")
                << ", fp16 " << yesNo(d.fp16) << ", int8 " << yesNo(d.int8) << ", 16-bit storage "
                << yesNo(d.storage16) << ", 8-bit storage " << yesNo(d.storage8) << ", integer dot product "
                << yesNo(d.integer_dot_product) << ", cooperative matrix " << yesNo(d.cooperative_matrix)
                << "\n";
        }
    }
    if (!problem.isEmpty()) {
        QTextStream(stderr) << "hearth-cli devices: " << problem << "\n";
        return 1;
    }
    return 0;
}

static const CommandRegistrar registration("devices", "list the Vulkan devices and which one Hearth uses",
                                           runDevices);
