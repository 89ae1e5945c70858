#include "modelstate.h"

#include <QFileInfo>

QString ModelState::statusText() const
{
    switch (m_status) {
    case Status::Unloading: return tr("Unloading %1…").arg(m_name);
    case Status::Loading: return tr("Loading %1 %2%").arg(m_name).arg(qRound(m_progress * 100));
    case Status::Ready: return tr("on %1").arg(m_device);
    case Status::Failed: return m_error;
    case Status::Empty: break;
    }
    return tr("No model loaded");
}

void ModelState::notify()
{
    emit changed();
    emit progressChanged();
}

void ModelState::setUnloading()
{
    m_status = Status::Unloading;
    m_error.clear();
    m_progress = 0;
    notify();
}

void ModelState::setLoading(const QString& path)
{
    m_status = Status::Loading;
    m_path = path;
    m_name = QFileInfo(path).completeBaseName();
    m_error.clear();
    m_progress = 0;
    notify();
}

void ModelState::setProgress(double progress)
{
    m_progress = progress;
    emit progressChanged();
}

void ModelState::setReady(const QString& path, const QString& name, const QString& device)
{
    m_status = Status::Ready;
    m_path = path;
    m_name = name;
    m_device = device;
    m_error.clear();
    m_progress = 1;
    notify();
}

void ModelState::setFailed(const QString& path, const QString& error)
{
    m_status = Status::Failed;
    m_path = path;
    m_error = error;
    notify();
}

void ModelState::setEmpty()
{
    m_status = Status::Empty;
    m_path.clear();
    m_name.clear();
    m_device.clear();
    m_error.clear();
    m_progress = 0;
    notify();
}
