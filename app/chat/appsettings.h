#pragma once
// How the app looks and where it runs, persisted with QSettings: theme, text size, GPU device,
// models folder. Read on every access, so changes apply at once.
#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

class AppSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ChatController")
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY changed)          // "system", "light", "dark"
    Q_PROPERTY(double fontScale READ fontScale WRITE setFontScale NOTIFY changed)
    Q_PROPERTY(QString device READ device WRITE setDevice NOTIFY changed)       // "" = best GPU
    Q_PROPERTY(QString modelsDir READ modelsDir WRITE setModelsDir NOTIFY changed)
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)

  public:
    explicit AppSettings(QObject* parent = nullptr);

    QString theme() const;
    double fontScale() const;
    QString device() const;
    QString modelsDir() const;
    QString dataDir() const;

    void setTheme(const QString& theme);
    void setFontScale(double scale);
    void setDevice(const QString& device);
    void setModelsDir(const QString& dir);

    // The names of the usable GPUs (empty when Vulkan is missing), for the device choice.
    Q_INVOKABLE QStringList availableDevices() const;

  signals:
    void changed();

  private:
    void write(const QString& key, const QVariant& value);
};
