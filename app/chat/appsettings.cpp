#include "appsettings.h"

#include "core/datapaths.h"
#include "hearth/devices.h"
#include "hearth/error.h"
#include "models/modelsconfig.h"

#include <QDir>

AppSettings::AppSettings(QObject* parent) : QObject(parent) {}

QString AppSettings::theme() const
{
    return QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
}

double AppSettings::fontScale() const
{
    return QSettings().value(QStringLiteral("appearance/fontScale"), 1.0).toDouble();
}

QString AppSettings::device() const
{
    return QSettings().value(QStringLiteral("engine/device")).toString();
}

QString AppSettings::modelsDir() const
{
    return ModelsConfig::load(QSettings()).modelsDir;
}

QString AppSettings::dataDir() const
{
    return DataPaths::dataDir();
}

void AppSettings::setTheme(const QString& theme)
{
    if (theme == QLatin1String("system") || theme == QLatin1String("light") || theme == QLatin1String("dark"))
        write(QStringLiteral("appearance/theme"), theme);
}

void AppSettings::setFontScale(double scale)
{
    write(QStringLiteral("appearance/fontScale"), qBound(0.75, scale, 2.0));
}

void AppSettings::setDevice(const QString& device)
{
    write(QStringLiteral("engine/device"), device);
}

void AppSettings::setModelsDir(const QString& dir)
{
    write(QStringLiteral("models/dir"), QDir::cleanPath(dir));
}

void AppSettings::write(const QString& key, const QVariant& value)
{
    QSettings settings;
    if (settings.value(key) == value)
        return;
    settings.setValue(key, value);
    emit changed();
}

QStringList AppSettings::availableDevices() const
{
    QStringList names;
    try {
        for (const hearth::DeviceInfo& device : hearth::list_devices())
            if (device.usable)
                names.append(QString::fromStdString(device.name));
    } catch (const hearth::Error&) {
        // No Vulkan: the list stays empty and the window says why (ChatController::start).
    }
    return names;
}
