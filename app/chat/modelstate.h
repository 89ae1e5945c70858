#pragma once
// What the window shows about the model: which one is loaded, on which device, the old one being
// unloaded before another loads, load progress, and why loading failed, with the one-line status
// the top bar shows. Written only by ChatController from the worker's signals.
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class ModelState : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ChatController")
    Q_PROPERTY(Status status READ status NOTIFY changed)
    Q_PROPERTY(QString path READ path NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString device READ device NOTIFY changed)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(bool ready READ ready NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(QString statusText READ statusText NOTIFY progressChanged)

  public:
    enum class Status { Empty, Unloading, Loading, Ready, Failed };
    Q_ENUM(Status)

    using QObject::QObject;

    Status status() const { return m_status; }
    QString path() const { return m_path; }
    QString name() const { return m_name; }
    QString device() const { return m_device; }
    double progress() const { return m_progress; }
    QString error() const { return m_error; }
    bool ready() const { return m_status == Status::Ready; }
    bool busy() const { return m_status == Status::Unloading || m_status == Status::Loading; }
    // "Unloading NAME…", "Loading NAME 42%", "on DEVICE", the error, or "No model loaded".
    QString statusText() const;

    // The loaded model is being released (its name stays shown) before another one loads.
    void setUnloading();
    void setLoading(const QString& path);
    void setProgress(double progress);
    void setReady(const QString& path, const QString& name, const QString& device);
    void setFailed(const QString& path, const QString& error);
    void setEmpty();

  signals:
    void changed();
    void progressChanged(); // also whenever changed() is: statusText depends on both

  private:
    void notify();

    Status m_status = Status::Empty;
    QString m_path;
    QString m_name;
    QString m_device;
    double m_progress = 0;
    QString m_error;
};
